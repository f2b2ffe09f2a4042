namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Notices a rule that keeps drifting back right after it was repaired (another tool
/// rewriting the file, someone editing by hand) and pauses its repairs with exponential
/// back-off instead of fighting, and restarting a service, in a loop. A paused rule is
/// still checked and reported as contested.
/// </summary>
public sealed class ContestTracker(TimeProvider time)
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

    /// <summary>Records that <paramref name="rule"/> was repaired in the pass that just ended.</summary>
    public void Repaired(string rule)
    {
        var now = time.GetUtcNow();
        var contest = _rules.TryGetValue(rule, out var found) ? found : _rules[rule] = new RuleContest();
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

        var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(contest.Level, 20)));
        contest.Level++;
        contest.PausedUntil = now + pause;
        contest.LastContested = now;
        contest.Recent.Clear();
    }

    /// <summary>The rules whose repairs are paused now.</summary>
    public IReadOnlySet<string> Paused()
    {
        var now = time.GetUtcNow();
        return _rules.Where(r => r.Value.PausedUntil > now).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>When the earliest pause ends, so the loop can wake for it; <c>null</c> when none is paused.</summary>
    public DateTimeOffset? NextResume()
    {
        var now = time.GetUtcNow();
        var pending = _rules.Values.Where(r => r.PausedUntil > now).Select(r => r.PausedUntil).ToList();
        return pending.Count == 0 ? null : pending.Min();
    }

    /// <summary>How a paused rule is described in the report.</summary>
    public string Describe(string rule) =>
        _rules.TryGetValue(rule, out var contest)
            ? $"contested: repaired {contest.TotalRepairs} times, drifting back each time; repairs paused until {contest.PausedUntil:u} (pause {contest.Level} of an exponential back-off)"
            : "";

    private sealed class RuleContest
    {
        public List<DateTimeOffset> Recent { get; } = [];

        public int Level { get; set; }

        public int TotalRepairs { get; set; }

        public DateTimeOffset PausedUntil { get; set; }

        public DateTimeOffset LastContested { get; set; }
    }
}
