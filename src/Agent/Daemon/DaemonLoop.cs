using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// The daemon: a pass at start, then one whenever a watched path or unit changes (debounced,
/// so a burst of writes is one pass), on SIGHUP after reloading the configuration, and at
/// the interval with jitter. Between passes it only waits on its inbox, waking for the
/// watchdog. Repairs that keep being undone (contested), or keep failing the same way, are
/// paused, not repeated; a rule a restart did not make hold is not restarted again until
/// something it depends on changes.
/// </summary>
public sealed partial class DaemonLoop(
    IDaemonPasses passes,
    TriggerInbox triggers,
    ContestTracker contests,
    RestartHolds holds,
    DaemonMetricsFile metrics,
    SystemdNotifier? notifier,
    TimeSpan? watchdog,
    TimeProvider time,
    Random random,
    ILogger<DaemonLoop> logger)
{
    /// <summary>A burst of events is one pass once it has been quiet this long...</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>...or once it has gone on this long.</summary>
    public static readonly TimeSpan LongestBurst = TimeSpan.FromSeconds(1);

    /// <summary>A pass that could not finish its restarts, or found the lock held, is tried again this soon.</summary>
    public static readonly TimeSpan RetrySoon = TimeSpan.FromSeconds(15);

    /// <summary>SIGTERM lets a running pass finish this long before cancelling it between two changes.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    public async Task RunAsync(CancellationToken stopping)
    {
        var ready = false;
        Trigger? trigger = null;
        while (!stopping.IsCancellationRequested)
        {
            if (trigger?.Kind == TriggerKind.Reload)
            {
                if (passes.Reload() is { } problem)
                {
                    ReloadRefused(logger, problem);
                }
                else
                {
                    holds.Reloaded();
                }
            }

            var report = await PassAsync(trigger, stopping).ConfigureAwait(false);
            if (report is not null)
            {
                var summary = report.Summary();
                if (!ready)
                {
                    notifier?.Ready(summary);
                    ready = true;
                }
                else
                {
                    notifier?.Status(summary);
                }
            }

            // The echoes of this pass's own writes and restarts are not dropped: a tamper that
            // lands in the same instant would be dropped with them. An echo costs one quiet check.
            notifier?.Watchdog();
            try
            {
                trigger = await NextTriggerAsync(report, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
        }

        notifier?.Stopping("stopping");
    }

    private async Task<RunReport?> PassAsync(Trigger? trigger, CancellationToken stopping)
    {
        using var pass = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        // SIGTERM does not cut a pass short at once: it gets a grace period, then stops between changes.
        await using var registration = stopping.Register(() => pass.CancelAfter(StopGrace)).ConfigureAwait(false);
        PassStarting(logger, trigger ?? Trigger.Start);
        try
        {
            var paused = contests.Paused();
            var held = holds.Held();
            var report = await passes.RunAsync(paused.Union(held).ToHashSet(StringComparer.Ordinal), pass.Token).ConfigureAwait(false);
            if (report is null)
            {
                LockHeld(logger);
                return null;
            }

            report = report with { Rules = contests.Observe(report.Rules, paused) };
            report = report with { Rules = holds.Observe(report, held, triggers.Posted, passes.WatchesOf) };
            passes.Publish(report);
            metrics.Write(report, contests.Paused().Count);
            return report;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is Remediators.Errors.HardeningException or IOException)
        {
            PassFailed(logger, e.Message);
            return null;
        }
    }

    private async Task<Trigger> NextTriggerAsync(RunReport? report, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var wake = now + passes.Options.Interval + (passes.Options.Jitter * random.NextDouble());
        if (report is null || report.UnitActions.Any(u => u.Result == "pending"))
        {
            wake = Earliest(wake, now + RetrySoon);
        }

        if (contests.NextResume() is { } resume)
        {
            wake = Earliest(wake, resume);
        }

        if (holds.ResumeDue)
        {
            wake = now;
        }

        while (true)
        {
            var remaining = wake - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return new Trigger(TriggerKind.Timer, "");
            }

            // The watchdog is fed from this loop, so a loop that hangs is restarted by systemd.
            var slice = watchdog is { } interval && interval / 2 < remaining ? interval / 2 : remaining;
            var trigger = await NextAsync(slice, stopping).ConfigureAwait(false);
            if (trigger is null)
            {
                notifier?.Watchdog();
                continue;
            }

            return trigger.Kind == TriggerKind.Reload ? trigger : await SettleAsync(trigger, stopping).ConfigureAwait(false);
        }
    }

    // Editors and package managers write in bursts (temp file, rename, chmod): one pass for all.
    private async Task<Trigger> SettleAsync(Trigger first, CancellationToken stopping)
    {
        var until = time.GetUtcNow() + LongestBurst;
        while (time.GetUtcNow() < until)
        {
            var left = until - time.GetUtcNow();
            var next = await NextAsync(left < Quiet ? left : Quiet, stopping).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            if (next.Kind == TriggerKind.Reload)
            {
                return next;
            }
        }

        return first;
    }

    // Every trigger read, a burst's later ones too, may end a hold on what it names.
    private async Task<Trigger?> NextAsync(TimeSpan timeout, CancellationToken stopping)
    {
        var trigger = await triggers.NextAsync(timeout, stopping).ConfigureAwait(false);
        if (trigger is not null)
        {
            holds.Noticed(trigger);
        }

        return trigger;
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Pass triggered by {Trigger}")]
    private static partial void PassStarting(ILogger logger, Trigger trigger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Another run holds the lock; trying again shortly")]
    private static partial void LockHeld(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Pass failed: {Error}")]
    private static partial void PassFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "SIGHUP: the new configuration is not used, the old one stays: {Problem}")]
    private static partial void ReloadRefused(ILogger logger, string problem);
}
