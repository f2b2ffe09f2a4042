using System.Collections.Immutable;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// The few <c>org.freedesktop.systemd1.Manager</c> calls the agent makes, typed. Unit paths
/// come from LoadUnit rather than being computed, as systemd's documentation advises.
/// </summary>
internal sealed class SystemdManagerClient(IDBusConnection bus)
{
    public const string Service = "org.freedesktop.systemd1";
    public const string ManagerPath = "/org/freedesktop/systemd1";
    public const string ManagerInterface = "org.freedesktop.systemd1.Manager";
    private const string UnitInterface = "org.freedesktop.systemd1.Unit";
    private const string SocketInterface = "org.freedesktop.systemd1.Socket";
    private const string ServiceInterface = "org.freedesktop.systemd1.Service";
    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    private const string NoSuchUnit = "org.freedesktop.systemd1.NoSuchUnit";

    public IDBusConnection Bus => bus;

    /// <summary>JobRemoved from PID 1: subscribe before the call whose job it reports.</summary>
    public Task<SignalSubscription> JobRemovedAsync(CancellationToken cancellationToken) =>
        bus.SubscribeAsync(new MatchRule { Sender = Service, Path = ManagerPath, Interface = ManagerInterface, Member = "JobRemoved" }, cancellationToken);

    /// <summary>Asks PID 1 to send signals at all (it sends none until someone subscribes).</summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ManagerAsync("Subscribe", [], cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorException e) when (e.ErrorName == "org.freedesktop.systemd1.AlreadySubscribed")
        {
            // Subscribed earlier on this connection: what we wanted.
        }
    }

    public async Task<string> LoadUnitAsync(string unit, CancellationToken cancellationToken)
    {
        var reply = await ManagerAsync("LoadUnit", [new DBusString(unit)], cancellationToken).ConfigureAwait(false);
        return reply.ReadBody("o") is [DBusObjectPath path] ? path.Value : throw new DBusProtocolException("LoadUnit did not return an object path");
    }

    /// <summary>Queues a restart and returns the job's object path.</summary>
    public async Task<string> RestartUnitAsync(string unit, CancellationToken cancellationToken)
    {
        var reply = await ManagerAsync("RestartUnit", [new DBusString(unit), new DBusString("replace")], cancellationToken).ConfigureAwait(false);
        return reply.ReadBody("o") is [DBusObjectPath job] ? job.Value : throw new DBusProtocolException("RestartUnit did not return a job path");
    }

    /// <summary>Queues a stop and returns the job's object path.</summary>
    public async Task<string> StopUnitAsync(string unit, CancellationToken cancellationToken)
    {
        var reply = await ManagerAsync("StopUnit", [new DBusString(unit), new DBusString("replace")], cancellationToken).ConfigureAwait(false);
        return reply.ReadBody("o") is [DBusObjectPath job] ? job.Value : throw new DBusProtocolException("StopUnit did not return a job path");
    }

    /// <summary>reset-failed: forgets a unit's failure and its start-limit count, so it may be started again.</summary>
    public Task ResetFailedUnitAsync(string unit, CancellationToken cancellationToken) =>
        ManagerAsync("ResetFailedUnit", [new DBusString(unit)], cancellationToken);

    /// <summary>daemon-reload; systemd replies once the reload has finished.</summary>
    public Task ReloadAsync(CancellationToken cancellationToken) => ManagerAsync("Reload", [], cancellationToken);

    public async Task<UnitState> GetStateAsync(string unit, CancellationToken cancellationToken) =>
        await StateAtAsync(unit, await LoadUnitAsync(unit, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The state of a unit systemd has in memory, or null (GetUnit, which never loads). A unit
    /// that is not installed is loaded by LoadUnit and dropped again at once, each time: a
    /// search of every unit directory in PID 1 and, to every subscriber, UnitNew and
    /// UnitRemoved; for mariadb.socket on a box without one, 8 ms of each daemon pass (measured).
    /// </summary>
    public async Task<UnitState?> GetLoadedStateAsync(string unit, CancellationToken cancellationToken)
    {
        Message reply;
        try
        {
            reply = await ManagerAsync("GetUnit", [new DBusString(unit)], cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorException e) when (e.ErrorName == NoSuchUnit)
        {
            return null;
        }

        var path = reply.ReadBody("o") is [DBusObjectPath unitPath] ? unitPath.Value : throw new DBusProtocolException("GetUnit did not return an object path");
        return await StateAtAsync(unit, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<UnitState> StateAtAsync(string unit, string path, CancellationToken cancellationToken)
    {
        var properties = await GetAllAsync(path, UnitInterface, cancellationToken).ConfigureAwait(false);
        var loaded = Text(properties, "LoadState") == "loaded";
        var listen = unit.EndsWith(".socket", StringComparison.Ordinal) && loaded
            ? Listens(await GetAllAsync(path, SocketInterface, cancellationToken).ConfigureAwait(false))
            : [];
        var service = unit.EndsWith(".service", StringComparison.Ordinal) && loaded
            ? ServiceRecordOf(await GetAllAsync(path, ServiceInterface, cancellationToken).ConfigureAwait(false))
            : null;
        return new UnitState(
            unit,
            Text(properties, "LoadState"),
            Text(properties, "ActiveState"),
            Text(properties, "SubState"),
            Unwrap(properties, "NeedDaemonReload") is DBusBoolean { Value: true },
            Unwrap(properties, "InvocationID") is DBusArray bytes ? Convert.ToHexStringLower(bytes.Items.OfType<DBusByte>().Select(b => b.Value).ToArray()) : "",
            Texts(properties, "RequiresMountsFor"),
            Texts(properties, "DropInPaths"))
        {
            Listen = listen,
            UnitFileState = Text(properties, "UnitFileState"),
            FragmentPath = Text(properties, "FragmentPath"),
            TriggeredBy = Texts(properties, "TriggeredBy"),
            Service = service,
        };
    }

    /// <summary>
    /// Every socket unit systemd has loaded, whatever its state: the ones that hold a port are
    /// among them, since systemd keeps every unit that runs or listens.
    /// </summary>
    public async Task<IReadOnlyList<UnitState>> LoadedSocketUnitsAsync(CancellationToken cancellationToken)
    {
        // ListUnitsByPatterns returns a(ssssssouso): name, description, load, active, sub,
        // following, unit path, job id, job type, job path.
        var reply = await ManagerAsync("ListUnitsByPatterns", [new DBusArray("s", []), new DBusArray("s", [new DBusString("*.socket")])], cancellationToken).ConfigureAwait(false);
        var units = reply.ReadBody("a(ssssssouso)") is [DBusArray rows] ? rows.Items.OfType<DBusStruct>() : throw new DBusProtocolException("ListUnitsByPatterns did not return a(ssssssouso)");
        var states = new List<UnitState>();
        foreach (var row in units)
        {
            if (row.Fields is [DBusString name, _, _, _, _, _, DBusObjectPath unitPath, ..])
            {
                states.Add(await StateAtAsync(name.Value, unitPath.Value, cancellationToken).ConfigureAwait(false));
            }
        }

        return states;
    }

    /// <summary>Whether a unit file starts at boot ("enabled", "disabled", "static", "masked", ...), without loading the unit; "" when there is no such file.</summary>
    public async Task<string> UnitFileStateAsync(string unit, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await ManagerAsync("GetUnitFileState", [new DBusString(unit)], cancellationToken).ConfigureAwait(false);
            return reply.ReadBody("s") is [DBusString state] ? state.Value : throw new DBusProtocolException("GetUnitFileState did not return a string");
        }
        catch (DBusErrorException e) when (e.ErrorName is NoSuchUnit or "org.freedesktop.DBus.Error.FileNotFound")
        {
            return "";
        }
    }

    // ExecStart is a(sasbttttuii): path, argv, ignore-failure, then timestamps and the last run's pid and status.
    private static ServiceRecord ServiceRecordOf(IReadOnlyDictionary<string, DBusValue> properties) => new(
        Unwrap(properties, "ExecStart") is DBusArray commands
            ? [.. commands.Items.OfType<DBusStruct>().Select(c => c.Fields is [_, DBusArray argv, ..] ? argv.Items.OfType<DBusString>().Select(w => w.Value).ToImmutableArray() : [])]
            : [],
        [.. Texts(properties, "Environment")],
        Unwrap(properties, "EnvironmentFiles") is DBusArray files
            ? [.. files.Items.OfType<DBusStruct>().Select(f => f.Fields is [DBusString file, DBusBoolean optional] ? (file.Value, optional.Value) : ("", false)).Where(f => f.Item1.Length > 0)]
            : [],
        Unwrap(properties, "NRestarts") is DBusUInt32 restarts ? restarts.Value : 0,
        Text(properties, "Result"));

    private async Task<IReadOnlyDictionary<string, DBusValue>> GetAllAsync(string path, string @interface, CancellationToken cancellationToken)
    {
        var reply = await bus.CallAsync(
            new MethodCall(Service, path, PropertiesInterface, "GetAll") { Arguments = [new DBusString(@interface)] },
            cancellationToken).ConfigureAwait(false);
        return reply.ReadBody("a{sv}") is [DBusArray all] ? all.ToStringDictionary() : throw new DBusProtocolException("GetAll did not return a{sv}");
    }

    // Listen is a(ss): (type, address) pairs such as ("Stream", "[::]:3306").
    private static List<SocketListen> Listens(IReadOnlyDictionary<string, DBusValue> properties) =>
        Unwrap(properties, "Listen") is DBusArray pairs
            ? pairs.Items.OfType<DBusStruct>().Select(p => p.Fields is [DBusString type, DBusString address] ? new SocketListen(type.Value, address.Value) : null).OfType<SocketListen>().ToList()
            : [];

    private Task<Message> ManagerAsync(string member, IReadOnlyList<DBusValue> arguments, CancellationToken cancellationToken) =>
        bus.CallAsync(new MethodCall(Service, ManagerPath, ManagerInterface, member) { Arguments = arguments }, cancellationToken);

    private static DBusValue? Unwrap(IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value is DBusVariant variant ? variant.Value : value : null;

    private static string Text(IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        Unwrap(properties, name) is DBusString text ? text.Value : "";

    private static List<string> Texts(IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        Unwrap(properties, name) is DBusArray array ? array.Items.OfType<DBusString>().Select(s => s.Value).ToList() : [];
}
