using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd;

/// <summary>
/// Plays PID 1 on a private bus: owns org.freedesktop.systemd1 and answers the Manager and
/// Properties calls the agent makes, with the signatures systemd documents. A restart emits
/// JobRemoved before it replies, the harder order for a client to get right.
/// </summary>
internal sealed class FakeSystemd : IAsyncDisposable
{
    private const string UnitPrefix = "/org/freedesktop/systemd1/unit/";
    private DBusConnection _connection = null!;
    private uint _jobs;

    public Dictionary<string, FakeUnit> Units { get; } = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public static async Task<FakeSystemd> StartAsync(string address)
    {
        var fake = new FakeSystemd();
        fake._connection = await DBusConnection.ConnectAsync(new DBusConnectionOptions(address) { MethodCallHandler = fake.AnswerAsync }, CancellationToken.None);
        await fake._connection.CallAsync(Bus.Call("RequestName", new DBusString("org.freedesktop.systemd1"), new DBusUInt32(4)), CancellationToken.None);
        return fake;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task<IReadOnlyList<DBusValue>> AnswerAsync(Message call, CancellationToken cancellationToken)
    {
        Calls.Add(call.Member is "RestartUnit" or "LoadUnit" or "GetUnit" ? $"{call.Member} {((DBusString)call.Body[0]).Value}" : call.Member!);
        switch (call.Member)
        {
            case "Subscribe":
                return [];
            case "Reload":
                foreach (var unit in Units.Values)
                {
                    unit.NeedDaemonReload = false;
                }

                return [];
            case "LoadUnit":
                var name = ((DBusString)call.Body[0]).Value;
                Units.TryAdd(name, new FakeUnit { LoadState = "not-found", ActiveState = "inactive", SubState = "dead" });
                return [new DBusObjectPath(UnitPrefix + name.Replace(".", "_2e", StringComparison.Ordinal).Replace("-", "_2d", StringComparison.Ordinal))];
            case "GetUnit":
                var loaded = ((DBusString)call.Body[0]).Value;
                return Units.ContainsKey(loaded)
                    ? [new DBusObjectPath(UnitPrefix + loaded.Replace(".", "_2e", StringComparison.Ordinal).Replace("-", "_2d", StringComparison.Ordinal))]
                    : throw new DBusErrorException("org.freedesktop.systemd1.NoSuchUnit", $"Unit {loaded} not loaded.");
            case "RestartUnit":
                var unitName = ((DBusString)call.Body[0]).Value;
                var target = Units[unitName];
                var job = $"/org/freedesktop/systemd1/job/{++_jobs}";
                target.Restart();
                await _connection.EmitAsync(new Signal("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved")
                {
                    Arguments = [new DBusUInt32(_jobs + 1000), new DBusObjectPath("/org/freedesktop/systemd1/job/999"), new DBusString("other.service"), new DBusString("failed")],
                }, cancellationToken);
                await _connection.EmitAsync(new Signal("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved")
                {
                    Arguments = [new DBusUInt32(_jobs), new DBusObjectPath(job), new DBusString(unitName), new DBusString(target.JobResult)],
                }, cancellationToken);
                return [new DBusObjectPath(job)];
            case "GetAll":
                var unitOf = Units.Single(u => UnitPrefix + u.Key.Replace(".", "_2e", StringComparison.Ordinal).Replace("-", "_2d", StringComparison.Ordinal) == call.Path).Value;
                return [unitOf.Properties()];
            default:
                throw new DBusErrorException("org.freedesktop.DBus.Error.UnknownMethod", $"no {call.Member} here");
        }
    }
}

internal sealed class FakeUnit
{
    private byte _invocation = 1;

    public string LoadState { get; set; } = "loaded";

    public string ActiveState { get; set; } = "active";

    public string SubState { get; set; } = "running";

    public bool NeedDaemonReload { get; set; }

    /// <summary>What the next restart job ends with; anything but "done" leaves the unit failed.</summary>
    public string JobResult { get; set; } = "done";

    public void Restart()
    {
        _invocation++;
        (ActiveState, SubState) = JobResult == "done" ? ("active", "running") : ("failed", "failed");
    }

    public DBusArray Properties()
    {
        static DBusDictEntry Entry(string key, DBusValue value) => new(new DBusString(key), new DBusVariant(value));
        return new DBusArray("{sv}",
        [
            Entry("LoadState", new DBusString(LoadState)),
            Entry("ActiveState", new DBusString(ActiveState)),
            Entry("SubState", new DBusString(SubState)),
            Entry("NeedDaemonReload", new DBusBoolean(NeedDaemonReload)),
            Entry("InvocationID", new DBusArray("y", Enumerable.Repeat(new DBusByte(_invocation), 16))),
            Entry("RequiresMountsFor", new DBusArray("s", [new DBusString("/cap")])),
            Entry("DropInPaths", new DBusArray("s", [])),
        ]);
    }
}
