using System.Globalization;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// A rule that restarted a unit and still does not hold (its second check still finds drift,
/// or the service would not run with its change and was rolled back) is not repaired again,
/// so the unit is not restarted again, until something it depends on changes: a trigger
/// naming one of its watched paths or units that came after that pass (not the echo of the
/// pass's own writes and restart), or a reloaded configuration. Meanwhile it is only
/// checked, and reported failed, saying since when and until what; a check that finds
/// something else than the first one after the restart lets it repair again at once.
/// </summary>
public sealed partial class RestartHolds(TimeProvider time, ILogger<RestartHolds> logger)
{
    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    // Why a hold ended, said once in the report of the pass that repairs the rule again.
    private readonly Dictionary<string, string> _lifted = new(StringComparer.Ordinal);

    /// <summary>The rules held now: the next pass only checks them.</summary>
    public IReadOnlySet<string> Held() => _holds.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>A hold ended for a reason no trigger brings: the next pass should come at once.</summary>
    public bool ResumeDue { get; private set; }

    /// <summary>A trigger the loop received: it ends every hold on what it names, unless it is an echo.</summary>
    public void Noticed(Trigger trigger)
    {
        foreach (var (rule, hold) in _holds.Where(h => trigger.Sequence > h.Value.After && h.Value.IsChangedBy(trigger)).ToList())
        {
            Lift(rule, hold, $"{trigger.Subject} changed");
        }
    }

    /// <summary>The configuration was read again: the rules may be different ones now.</summary>
    public void Reloaded()
    {
        foreach (var (rule, hold) in _holds.ToList())
        {
            Lift(rule, hold, "the configuration was reloaded");
        }
    }

    /// <summary>
    /// Takes in the pass that just ended (<paramref name="held"/>: the rules it only checked
    /// for a hold; <paramref name="lastTrigger"/>: the inbox's last trigger so far, whose
    /// equals and predecessors are this pass's echoes) and returns its rules as the report
    /// shows them.
    /// </summary>
    public IReadOnlyList<RuleReport> Observe(RunReport pass, IReadOnlySet<string> held, long lastTrigger, Func<string, RuleWatches> watchesOf)
    {
        ResumeDue = false;
        return [.. pass.Rules.Select(rule => held.Contains(rule.Name) ? CheckedWhileHeld(rule) : Ran(rule, pass.UnitActions, lastTrigger, watchesOf))];
    }

    private RuleReport Ran(RuleReport rule, IReadOnlyList<UnitActionReport> unitActions, long lastTrigger, Func<string, RuleWatches> watchesOf)
    {
        var resumed = _lifted.Remove(rule.Name, out var why) ? rule with { Notes = [$"repairs resume: {why}", .. rule.Notes] } : rule;
        // Restarted for this pass's changes (or to put the old files back), and still failing.
        var restarted = unitActions
            .Where(u => u.Action == "restart" && u.Result is "done" or "failed" && u.Reason is "changes" or "rollback" && rule.UnitActions.Contains(UnitAction.Restart(u.Unit).ToString()))
            .Select(u => u.Unit)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (rule is not { Mode: RuleMode.Enforce, Status: RuleStatus.Failed } || restarted.Count == 0)
        {
            return resumed;
        }

        var hold = new Hold(restarted, time.GetUtcNow(), lastTrigger, watchesOf(rule.Name));
        _holds[rule.Name] = hold;
        var note = Describe(hold);
        Holding(logger, rule.Name, note);
        return resumed with { Notes = [note, .. resumed.Notes] };
    }

    private RuleReport CheckedWhileHeld(RuleReport rule)
    {
        // Holds end only between passes (triggers are read there), so the pass's own is still here.
        var hold = _holds[rule.Name];
        var plan = RepairFailure.PlanOf(rule);
        var why = rule.Status switch
        {
            RuleStatus.Compliant => "the rule holds now",
            RuleStatus.Failed => $"its check fails otherwise now: {rule.Error}",
            _ when !hold.Units.Any(unit => rule.UnitActions.Contains(UnitAction.Restart(unit).ToString())) => "its check no longer asks for that restart",
            _ when hold.Plan is { } first && first != plan => "what its check finds has changed",
            _ => null,
        };
        if (why is not null)
        {
            Lift(rule.Name, hold, why);
            ResumeDue |= rule.Status != RuleStatus.Compliant;
            return rule;
        }

        // The first check after the restart is what the rule finds while nothing changes.
        hold.Plan ??= plan;
        return rule with { Status = RuleStatus.Failed, Error = Describe(hold) };
    }

    private void Lift(string rule, Hold hold, string why)
    {
        _holds.Remove(rule);
        _lifted[rule] = why;
        Lifted(logger, rule, hold.Units, why);
    }

    private string Describe(Hold hold)
    {
        var at = TimeZoneInfo.ConvertTime(hold.RestartedAt, time.LocalTimeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var units = string.Join(" and ", hold.Units);
        var watched = hold.Watches.Paths.Select(p => p.Path).Concat(hold.Watches.Units).Distinct(StringComparer.Ordinal).ToList();
        var until = watched.Count == 0 ? "the configuration is reloaded" : $"one of {string.Join(", ", watched)} changes, or the configuration is reloaded";
        return $"{units} {(hold.Units.Count == 1 ? "was" : "were")} restarted at {at} and the rule still does not hold: not restarted again until {until}";
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "{Rule}: {Hold}")]
    private static partial void Holding(ILogger logger, string rule, string hold);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "{Rule}: may restart {Units} again: {Reason}")]
    private static partial void Lifted(ILogger logger, string rule, IEnumerable<string> units, string reason);

    private sealed class Hold(IReadOnlyList<string> units, DateTimeOffset restartedAt, long after, RuleWatches watches)
    {
        private readonly WatchPlan _paths = new(watches.Paths);

        public IReadOnlyList<string> Units { get; } = units;

        public DateTimeOffset RestartedAt { get; } = restartedAt;

        /// <summary>Triggers up to this one were posted before the hold: echoes of the pass.</summary>
        public long After { get; } = after;

        public RuleWatches Watches { get; } = watches;

        /// <summary>What the first check after the restart found, once one has run.</summary>
        public string? Plan { get; set; }

        public bool IsChangedBy(Trigger trigger) => trigger.Kind switch
        {
            // A subject that is no path ("inotify queue overflowed") may be any change at all.
            TriggerKind.Path => !trigger.Subject.StartsWith('/') || _paths.Matters(AppliancePath.Parent(trigger.Subject), AppliancePath.FileName(trigger.Subject)),
            TriggerKind.Unit => Watches.Units.Contains(trigger.Subject, StringComparer.Ordinal),
            _ => false,
        };
    }
}
