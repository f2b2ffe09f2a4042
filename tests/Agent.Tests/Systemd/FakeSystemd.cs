using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd;

/// <summary>
/// Plays PID 1 on a private bus: owns org.freedesktop.systemd1 and answers the Manager and
/// Properties calls the agent makes, with the signatures systemd documents. A restart emits
/// JobRemoved before it replies, the harder order for a client to get right. Units live on
/// the clock it is given, so a test can have one die a while after its restart.
/// </summary>
internal sealed class FakeSystemd : IAsyncDisposable
{
    private const string UnitPrefix = "/org/freedesktop/systemd1/unit/";
    private DBusConnection _connection = null!;
    private TimeProvider _time = TimeProvider.System;
    private uint _jobs;

    public Dictionary<string, FakeUnit> Units { get; } = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public static async Task<FakeSystemd> StartAsync(string address, TimeProvider? time = null)
    {
        var fake = new FakeSystemd { _time = time ?? TimeProvider.System };
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
                target.Restart(_time.GetUtcNow());
                await _connection.EmitAsync(new Signal("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved")
                {
                    Arguments = [new DBusUInt32(_jobs + 1000), new DBusObjectPath("/org/freedesktop/systemd1/job/999"), new DBusString("other.service"), new DBusString("failed")],
                }, cancellationToken);
                await _connection.EmitAsync(new Signal("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved")
                {
                    Arguments = [new DBusUInt32(_jobs), new DBusObjectPath(job), new DBusString(unitName), new DBusString(target.Result == "start-limit-hit" ? "failed" : target.JobResult)],
                }, cancellationToken);
                return [new DBusObjectPath(job)];
            case "ResetFailedUnit":
                Units[((DBusString)call.Body[0]).Value].ResetFailed();
                return [];
            case "GetAll":
                var unitOf = Units.Single(u => UnitPrefix + u.Key.Replace(".", "_2e", StringComparison.Ordinal).Replace("-", "_2d", StringComparison.Ordinal) == call.Path).Value;
                unitOf.Live(_time.GetUtcNow());
                return [((DBusString)call.Body[0]).Value == "org.freedesktop.systemd1.Service" ? unitOf.ServiceProperties() : unitOf.Properties()];
            default:
                throw new DBusErrorException("org.freedesktop.DBus.Error.UnknownMethod", $"no {call.Member} here");
        }
    }
}

internal sealed class FakeUnit
{
    private byte _invocation = 1;
    private DateTimeOffset? _diesAt;

    public string LoadState { get; set; } = "loaded";

    public string ActiveState { get; set; } = "active";

    public string SubState { get; set; } = "running";

    public bool NeedDaemonReload { get; set; }

    /// <summary>What the next restart job ends with; anything but "done" leaves the unit failed.</summary>
    public string JobResult { get; set; } = "done";

    /// <summary>
    /// For each coming restart in turn, how long after its job the started process exits (as
    /// memcached does when it cannot bind); restarts beyond the list stay up.
    /// </summary>
    public Queue<TimeSpan> DiesAfterRestarts { get; } = new();

    /// <summary>Restart=always: a process that exits is started again by systemd, under a new invocation.</summary>
    public bool RestartAlways { get; set; }

    /// <summary>NRestarts: how often systemd restarted the service by itself.</summary>
    public uint AutomaticRestarts { get; private set; }

    public string Result { get; private set; } = "success";

    /// <summary>systemd gave up on it: too many starts in a row, none allowed until reset-failed.</summary>
    public void HitStartLimit() => (ActiveState, SubState, Result) = ("failed", "failed", "start-limit-hit");

    public void ResetFailed() => (ActiveState, SubState, Result) = ActiveState == "failed" ? ("inactive", "dead", "success") : (ActiveState, SubState, Result);

    public void Restart(DateTimeOffset now)
    {
        if (Result == "start-limit-hit")
        {
            return; // systemd refuses the start; the job ends "failed" below
        }

        _invocation++;
        (ActiveState, SubState) = JobResult == "done" ? ("active", "running") : ("failed", "failed");
        _diesAt = JobResult == "done" && DiesAfterRestarts.TryDequeue(out var after) ? now + after : null;
    }

    /// <summary>Brings the unit's life up to <paramref name="now"/>: a process due to die has died.</summary>
    public void Live(DateTimeOffset now)
    {
        if (_diesAt is { } at && now >= at)
        {
            Die();
        }
    }

    /// <summary>The main process exits with an error, as memcached does when it cannot bind.</summary>
    public void Die()
    {
        _diesAt = null;
        Result = "exit-code";
        if (RestartAlways)
        {
            _invocation++;
            AutomaticRestarts++;
        }
        else
        {
            (ActiveState, SubState) = ("failed", "failed");
        }
    }

    public DBusArray ServiceProperties()
    {
        static DBusDictEntry Entry(string key, DBusValue value) => new(new DBusString(key), new DBusVariant(value));
        return new DBusArray("{sv}", [Entry("NRestarts", new DBusUInt32(AutomaticRestarts)), Entry("Result", new DBusString(Result))]);
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
