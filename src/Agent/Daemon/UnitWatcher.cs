using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Systemd.DBus;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Listens to systemd for finished jobs of the watched units (someone restarted memcached by
/// hand, a unit crashed and was started again) and posts a trigger for each. Quiet between
/// signals: it waits on the bus, never polls. If systemd cannot be reached, the daemon still
/// has its timer and its file watches, and says so.
/// </summary>
public sealed partial class UnitWatcher(TimeProvider time, TriggerInbox triggers, ILogger<UnitWatcher> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private volatile HashSet<string> _units = new(StringComparer.Ordinal);
    private Task? _loop;

    public void Watch(IEnumerable<string> units)
    {
        _units = units.ToHashSet(StringComparer.Ordinal);
        _loop ??= Task.Run(() => ListenAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is what we asked for.
            }
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var bus = await SystemdUnitManager.ConnectToSystemdAsync(time, cancellationToken).ConfigureAwait(false);
            var systemd = new SystemdManagerClient(bus);
            await using var jobs = await systemd.JobRemovedAsync(cancellationToken).ConfigureAwait(false);
            await systemd.SubscribeAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var signal in jobs.Signals.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (signal.Body is [_, _, DBusString unit, DBusString result] && _units.Contains(unit.Value))
                {
                    triggers.Post(new Trigger(TriggerKind.Unit, $"{unit.Value} ({result.Value})") { Subject = unit.Value });
                }
            }
        }
        catch (Exception e) when (e is Remediators.Errors.HardeningException or IOException)
        {
            Gone(logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Not watching units over D-Bus ({Reason}); drift in running services is found at the next interval")]
    private static partial void Gone(ILogger logger, string reason);
}
