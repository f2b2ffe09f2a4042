using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>
/// A second connection of our own client that owns <see cref="Name"/> on the private bus and
/// answers at <see cref="ObjectPath"/>: <c>Echo</c> returns its arguments, <c>Fail</c> replies
/// with an error, <c>Hang</c> never replies, and <c>Restart</c> plays systemd: it emits
/// <c>JobRemoved</c> for a new job before it replies with that job's path.
/// </summary>
public sealed class EchoService : IAsyncDisposable
{
    public const string Name = "com.example.Echo";
    public const string ObjectPath = "/com/example/Echo";
    public const string Interface = "com.example.Echo";
    public const string FailureName = "com.example.Echo.Error.AskedToFail";

    private readonly TaskCompletionSource _hangArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EchoService()
    {
    }

    public DBusConnection Connection { get; private set; } = null!;

    /// <summary>Completes when a <c>Hang</c> call has reached the service.</summary>
    public Task HangArrived => _hangArrived.Task;

    public static async Task<EchoService> StartAsync(string address)
    {
        var service = new EchoService();
        service.Connection = await DBusConnection.ConnectAsync(
            new DBusConnectionOptions(address) { MethodCallHandler = service.AnswerAsync }, CancellationToken.None);
        var reply = await service.Connection.CallAsync(
            Bus.Call("RequestName", new DBusString(Name), new DBusUInt32(4)), CancellationToken.None);
        Assert.Equal(new DBusUInt32(1), Assert.Single(reply.ReadBody("u")));
        return service;
    }

    public static MethodCall Call(string member, params DBusValue[] arguments) =>
        new(Name, ObjectPath, Interface, member) { Arguments = arguments };

    public static Signal JobRemoved(uint id, string job, string unit, string result) =>
        new("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved")
        {
            Arguments = [new DBusUInt32(id), new DBusObjectPath(job), new DBusString(unit), new DBusString(result)],
        };

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private async Task<IReadOnlyList<DBusValue>> AnswerAsync(Message call, CancellationToken cancellationToken)
    {
        switch (call.Member)
        {
            case "Echo":
                return call.Body;
            case "Fail":
                throw new DBusErrorException(FailureName, "asked to fail");
            case "Restart":
                var job = new DBusObjectPath($"/org/freedesktop/systemd1/job/{call.Serial}");
                await Connection.EmitAsync(JobRemoved(call.Serial, job.Value, "demo.service", "done"), cancellationToken);
                return [job];
            case "Hang":
                _hangArrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return [];
            default:
                throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"no {call.Member} here");
        }
    }
}
