using CloudSharkHardening.Remediators.Host.Processes;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Remediators.Host.Live;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// Restarts and reloads through systemd's own D-Bus API, and waits for the job's result
/// rather than assuming it: a restart is done only when its job reports "done", the unit is
/// active under a new invocation, and it stays so (see <see cref="RestartSettle"/>). A unit
/// the administrator stopped is not started.
/// </summary>
public sealed partial class SystemdUnitManager : IUnitManager, IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<IDBusConnection>> _connect;
    private readonly CommandRunner _commands;
    private readonly TimeProvider _time;
    private readonly TimeSpan _jobTimeout;
    private readonly RestartSettle _settle;
    private SystemdManagerClient? _client;
    private string _unreachableReason = "";
    private bool _reloaded;

    /// <param name="connect">Opens the bus; called once, on the first unit action.</param>
    /// <param name="commands">Runs journalctl for a failed unit's last log lines.</param>
    /// <param name="time">The clock the job timeout runs on.</param>
    /// <param name="jobTimeout">How long a restart job may take before it counts as timed out.</param>
    /// <param name="settle">When a restarted unit counts as staying up.</param>
    public SystemdUnitManager(Func<CancellationToken, Task<IDBusConnection>> connect, CommandRunner commands, TimeProvider time, TimeSpan jobTimeout, RestartSettle settle)
    {
        _connect = connect;
        _commands = commands;
        _time = time;
        _jobTimeout = jobTimeout;
        _settle = settle;
    }

    /// <summary>Root talks to PID 1 directly on its private socket (no bus daemon in between); else the system bus.</summary>
    public static async Task<IDBusConnection> ConnectToSystemdAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (Environment.UserName == "root" && File.Exists("/run/systemd/private"))
        {
            try
            {
                return await DBusConnection.ConnectAsync(DBusConnectionOptions.ForSystemdPrivateSocket() with { Time = time }, cancellationToken).ConfigureAwait(false);
            }
            catch (DBusConnectionException)
            {
                // Fall through to the system bus, which a container may offer instead.
            }
        }

        var options = DBusConnectionOptions.ForSystemBus(Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS")) with { Time = time };
        return await DBusConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<UnitActionOutcome> DaemonReloadAsync(CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return Unreachable("daemon-reload");
        }

        await client.ReloadAsync(cancellationToken).ConfigureAwait(false);
        _reloaded = true;
        return new UnitActionOutcome(UnitActionResult.Done, "systemd reloaded its unit files");
    }

    public async Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return Unreachable($"restart of {unit}");
        }

        var before = await client.GetStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (before.NeedDaemonReload && !_reloaded)
        {
            // Someone changed the unit's files without telling systemd; a restart would run the
            // old definition. One reload per pass, however many units need it.
            await DaemonReloadAsync(cancellationToken).ConfigureAwait(false);
            before = await client.GetStateAsync(unit, cancellationToken).ConfigureAwait(false);
        }

        if (before.LoadState != "loaded")
        {
            // Not installed or masked: nothing the new files did; the engine keeps it owed.
            throw new HardeningException($"{unit} cannot be restarted: systemd says it is {before.LoadState}");
        }

        if (before.ActiveState == "inactive")
        {
            return new UnitActionOutcome(UnitActionResult.Done, $"{unit} is stopped, so it was left stopped; it reads the new configuration when it starts");
        }

        if (before is { IsFailed: true, Service.Result: "start-limit-hit" })
        {
            // A service that died quickly a few times (after a bad file, which the rollback has
            // just put right) is refused any start until its start limit is forgotten.
            await client.ResetFailedUnitAsync(unit, cancellationToken).ConfigureAwait(false);
        }

        await using var jobs = await client.JobRemovedAsync(cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        var job = await client.RestartUnitAsync(unit, cancellationToken).ConfigureAwait(false);
        var result = await WaitForJobAsync(jobs, job, unit, cancellationToken).ConfigureAwait(false);
        var after = await client.GetStateAsync(unit, cancellationToken).ConfigureAwait(false);
        var started = after.InvocationId != before.InvocationId;
        if (result == "done" && after.IsActive && started)
        {
            return await SettleAsync(client, after, cancellationToken).ConfigureAwait(false);
        }

        var journal = await LastLogLinesAsync(unit, started ? after.InvocationId : null, cancellationToken).ConfigureAwait(false);
        return new UnitActionOutcome(UnitActionResult.Failed, $"restart job {result}; {after.ActiveState} ({after.SubState}){journal}");
    }

    public async Task<UnitActionOutcome> StopAsync(string unit, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return Unreachable($"stop of {unit}");
        }

        await using var jobs = await client.JobRemovedAsync(cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        var job = await client.StopUnitAsync(unit, cancellationToken).ConfigureAwait(false);
        var result = await WaitForJobAsync(jobs, job, unit, cancellationToken).ConfigureAwait(false);
        var after = await client.GetStateAsync(unit, cancellationToken).ConfigureAwait(false);
        return result == "done" && after.ActiveState is "inactive" or "failed"
            ? new UnitActionOutcome(UnitActionResult.Done, $"{unit} is {after.ActiveState}")
            : new UnitActionOutcome(UnitActionResult.Failed, $"stop job {result}; {after.ActiveState} ({after.SubState})");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.Bus.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the unit's state for evidence and tests; throws when systemd cannot be reached.</summary>
    public async Task<UnitState> GetStateAsync(string unit, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken).ConfigureAwait(false) ?? throw new HardeningException("systemd cannot be reached over D-Bus", isTransient: true))
            .GetStateAsync(unit, cancellationToken).ConfigureAwait(false);

    /// <summary>The unit's state if systemd has it in memory, else null; throws when systemd cannot be reached.</summary>
    public async Task<UnitState?> GetLoadedStateAsync(string unit, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken).ConfigureAwait(false) ?? throw new HardeningException("systemd cannot be reached over D-Bus", isTransient: true))
            .GetLoadedStateAsync(unit, cancellationToken).ConfigureAwait(false);

    /// <summary>Every socket unit systemd has loaded, with its Listen addresses; throws when systemd cannot be reached.</summary>
    public async Task<IReadOnlyList<UnitState>> LoadedSocketUnitsAsync(CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken).ConfigureAwait(false) ?? throw new HardeningException("systemd cannot be reached over D-Bus", isTransient: true))
            .LoadedSocketUnitsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Whether a unit file starts at boot, without loading it; throws when systemd cannot be reached.</summary>
    public async Task<string> UnitFileStateAsync(string unit, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken).ConfigureAwait(false) ?? throw new HardeningException("systemd cannot be reached over D-Bus", isTransient: true))
            .UnitFileStateAsync(unit, cancellationToken).ConfigureAwait(false);

    private async Task<SystemdManagerClient?> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            try
            {
                _client = new SystemdManagerClient(await _connect(cancellationToken).ConfigureAwait(false));
            }
            catch (DBusConnectionException e)
            {
                _unreachableReason = e.Message;
                return null;
            }
        }

        return _client;
    }

    // Not reaching systemd is not the new configuration's fault: the action stays owed.
    private UnitActionOutcome Unreachable(string what) =>
        new(UnitActionResult.Pending, $"{what} pending: systemd cannot be reached over D-Bus ({_unreachableReason})");

    private async Task<string> WaitForJobAsync(SignalSubscription jobs, string job, string unit, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_jobTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await foreach (var signal in jobs.Signals.ReadAllAsync(linked.Token).ConfigureAwait(false))
            {
                if (signal.Member == "JobRemoved" && signal.Body is [DBusUInt32, DBusObjectPath path, DBusString, DBusString result] && path.Value == job)
                {
                    return result.Value;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HardeningException($"{unit}: the restart job gave no result within {_jobTimeout.TotalSeconds:F0} s", isTransient: true);
        }

        throw new HardeningException($"{unit}: the connection to systemd ended before the restart job finished", isTransient: true);
    }
}
