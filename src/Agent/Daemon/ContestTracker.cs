using CloudSharkHardening.Agent.Reports;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Pauses the repairs of a rule, with exponential back-off, when repairing it again would
/// only repeat itself, and restart a service in a loop: a rule that keeps drifting back right
/// after it was repaired (another tool rewriting the file, someone editing by hand), reported
/// as contested; and a rule whose repair fails the same way pass after pass (a file it cannot
/// write), reported as failing. A paused rule is still checked.
/// </summary>
public sealed partial class ContestTracker(TimeProvider time)
{
    /// <summary>
    /// This many repairs of one rule within <see cref="Window"/> make it contested: a rate no
    /// person editing by hand reaches, and any tool rewriting the file in a loop does.
    /// </summary>
    public const int RepairsToContest = 8;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestPause = TimeSpan.FromHours(1);

    // A rule left alone this long after its last contest starts afresh at the first pause.
    public static readonly TimeSpan Forgiveness = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, RuleContest> _rules = new(StringComparer.Ordinal);

    private enum PauseReason
    {
        Contested,
        Failing,
    }

    /// <summary>
    /// Takes in the pass that just ended (<paramref name="paused"/>: the rules it only checked)
    /// and returns its rules as the report shows them: a paused rule says why and until when.
    /// </summary>
    public IReadOnlyList<RuleReport> Observe(IReadOnlyList<RuleReport> rules, IReadOnlySet<string> paused)
    {
        foreach (var rule in rules)
        {
            if (paused.Contains(rule.Name))
            {
                CheckedWhilePaused(rule);
                continue;
            }

            if (rule.Applied)
            {
                Repaired(rule.Name);
            }

            Attempted(rule);
        }

        return [.. rules.Select(rule => Describe(rule, paused.Contains(rule.Name)))];
    }

    /// <summary>The rules whose repairs are paused now.</summary>
    public IReadOnlySet<string> Paused()
    {
        var now = time.GetUtcNow();
        return _rules.Where(r => r.Value.PausedUntil > now).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// When the next pass should come to repair a paused rule again: the earliest end of a
    /// pause, or now for a pause lifted early; <c>null</c> when none is waiting.
    /// </summary>
    public DateTimeOffset? NextResume()
    {
        var now = time.GetUtcNow();
        var pending = _rules.Values.Where(r => r.PausedUntil > now || r.ResumeDue).Select(r => r.ResumeDue ? now : r.PausedUntil).ToList();
        return pending.Count == 0 ? null : pending.Min();
    }

    private void Repaired(string rule)
    {
        var now = time.GetUtcNow();
        var contest = Of(rule);
        contest.TotalRepairs++;
        contest.Recent.RemoveAll(at => now - at > Window);
        contest.Recent.Add(now);
        // Drifting again right after a pause ended is the same contest: back off further at once.
        var resumedContest = contest.Level > 0 && now - contest.PausedUntil < Window;
        if (contest.Recent.Count < RepairsToContest && !resumedContest)
        {
            return;
        }

        if (now - contest.LastContested > Forgiveness)
        {
            contest.Level = 0;
        }

        Pause(contest, PauseReason.Contested, contest.Level++);
        contest.LastContested = now;
        contest.Recent.Clear();
    }

    private void Pause(RuleContest rule, PauseReason reason, int level)
    {
        rule.Reason = reason;
        rule.PausedUntil = time.GetUtcNow() + TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(level, 20)));
    }

    private RuleReport Describe(RuleReport rule, bool wasPaused)
    {
        if (!_rules.TryGetValue(rule.Name, out var state))
        {
            return rule;
        }

        if (state.Reason == PauseReason.Contested)
        {
            return wasPaused && rule.Status == RuleStatus.Drift
                ? rule with { Status = RuleStatus.Contested, Notes = [$"contested: repaired {state.TotalRepairs} times, drifting back each time; repairs paused until {state.PausedUntil:u} (pause {state.Level} of an exponential back-off)", .. rule.Notes] }
                : rule;
        }

        return DescribeFailing(rule, state, wasPaused);
    }

    private RuleContest Of(string rule) => _rules.TryGetValue(rule, out var found) ? found : _rules[rule] = new RuleContest();

    private sealed class RuleContest
    {
        public List<DateTimeOffset> Recent { get; } = [];

        public int Level { get; set; }

        public int TotalRepairs { get; set; }

        public PauseReason Reason { get; set; }

        public DateTimeOffset PausedUntil { get; set; }

        /// <summary>A pause was lifted early; the next pass should come at once.</summary>
        public bool ResumeDue { get; set; }

        public DateTimeOffset LastContested { get; set; }

        public RepairFailure? Failure { get; set; }

        public DateTimeOffset FailingSince { get; set; }

        public int FailuresInARow { get; set; }

        public int FailureLevel { get; set; }

        /// <summary>Why the last pause was lifted early, said once in the next report.</summary>
        public string? ResumedBecause { get; set; }
    }
}
