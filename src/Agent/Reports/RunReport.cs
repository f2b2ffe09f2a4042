namespace CloudSharkHardening.Agent.Reports;

/// <summary>Everything one pass did and found; what <c>--json</c> prints and <c>last-run.json</c> keeps.</summary>
public sealed record RunReport(
    string RunId,
    DateTimeOffset StartedAt,
    double DurationMilliseconds,
    bool CheckOnly,
    string Root,
    string Platform,
    IReadOnlyList<RuleReport> Rules,
    IReadOnlyList<UnitActionReport> UnitActions)
{
    /// <summary>
    /// The audit after the pass: findings a person must act on (the agent never does). Null in
    /// a report kept by an older version. Findings never change <see cref="ExitCode"/>.
    /// </summary>
    public AuditReport? Audit { get; init; }

    /// <summary>One line for <c>systemctl status</c>: how many rules are in which state.</summary>
    public string Summary()
    {
        var counts = Rules.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        return $"pass {RunId}: {string.Join(", ", counts)}; exit {ExitCode}";
    }

    /// <summary>The documented exit code: 0 compliant, 2 changed or drift, 4 failed, 6 both.</summary>
    public int ExitCode
    {
        get
        {
            var changedOrDrift = Rules.Any(r => r.Status is RuleStatus.Changed or RuleStatus.Drift)
                || UnitActions.Any(u => u.Result == "done" && u.Reason == "owed");
            var failed = Rules.Any(r => r.Status == RuleStatus.Failed);
            return (changedOrDrift ? ExitCodes.ChangesMade : 0) | (failed ? ExitCodes.RuleFailed : 0);
        }
    }
}
