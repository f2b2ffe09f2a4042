using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Firewall;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Keeps the one watch on the kernel's rules that the firewall rule asks for
/// (<see cref="KernelRulesWatch"/>): nf_tables notifications, the legacy backend's poll, or
/// none while the rule is off or stands aside. Asked again after every pass, since the
/// backend can be switched and the configuration reloaded; it says in the log which way the
/// kernel's rules are watched whenever that changes. Without the netlink socket (no
/// CAP_NET_ADMIN, an old kernel) it polls instead, and says why.
/// </summary>
public sealed partial class KernelRulesWatcher(TimeProvider time, TriggerInbox triggers, Func<NfTablesSocket> openSocket, ILogger<KernelRulesWatcher> logger) : IAsyncDisposable
{
    private bool _chosen;
    private KernelRulesWatch _watch;
    private FirewallRule? _rule;
    private NfTablesMonitor? _monitor;
    private FirewallPoll? _poll;

    /// <summary>Watches the way <paramref name="rule"/> (<c>null</c>: the rule is off) asks for, starting or stopping what it must.</summary>
    public async Task WatchAsync(FirewallRule? rule, CancellationToken cancellationToken)
    {
        KernelRulesWatch watch;
        string? why = null;
        try
        {
            watch = rule is null ? KernelRulesWatch.None : await rule.KernelWatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HardeningException or IOException)
        {
            (watch, why) = (KernelRulesWatch.None, e.Message);
        }

        // The poll asks the rule it was given; a reload makes a new one.
        if (_chosen && watch == _watch && ReferenceEquals(rule, _rule))
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        (_chosen, _watch, _rule) = (true, watch, rule);
        if (watch == KernelRulesWatch.None || rule is null)
        {
            NotWatched(logger, why ?? (rule is null ? "the firewall rule is off" : "the firewall rule stands aside (firewalld runs, or no kernel to load)"));
            return;
        }

        if (watch == KernelRulesWatch.NfTablesNotifications)
        {
            try
            {
                _monitor = new NfTablesMonitor(openSocket(), new TriggerThrottle(time, NfTablesMonitor.Window, triggers), logger);
                WatchingNotifications(logger);
                return;
            }
            catch (IOException e)
            {
                NotificationsRefused(logger, e.Message);
            }
        }

        _poll = new FirewallPoll(rule.KernelDriftAsync, triggers, time);
        Polling(logger, (int)FirewallPoll.Interval.TotalSeconds);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StopAsync()
    {
        _monitor?.Dispose();
        _monitor = null;
        if (_poll is not null)
        {
            await _poll.DisposeAsync().ConfigureAwait(false);
            _poll = null;
        }
    }

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Watching the kernel's firewall rules through nf_tables notifications (netlink)")]
    private static partial void WatchingNotifications(ILogger logger);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Watching the kernel's firewall rules by reading them every {Seconds} s (the legacy backend announces no change)")]
    private static partial void Polling(ILogger logger, int seconds);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Not watching the kernel's firewall rules: {Reason}")]
    private static partial void NotWatched(ILogger logger, string reason);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "No nf_tables notifications ({Reason}); polling the kernel's firewall rules instead")]
    private static partial void NotificationsRefused(ILogger logger, string reason);
}
