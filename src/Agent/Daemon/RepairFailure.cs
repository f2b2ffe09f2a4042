using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// How a rule's repair failed: its error, and what its check planned (changes with their
/// diffs, and unit actions; not the live evidence, whose pids change with every restart).
/// Two passes failed the same way when both are equal.
/// </summary>
internal sealed record RepairFailure(string Error, string Plan)
{
    /// <summary>
    /// The failed repair a rule's report shows, or <c>null</c>: a check that could not run
    /// has nothing to repair, and pausing it would change nothing.
    /// </summary>
    public static RepairFailure? Of(RuleReport rule) =>
        rule is { Mode: RuleMode.Enforce, Status: RuleStatus.Failed } && PlanOf(rule) is { Length: > 0 } plan
            ? new RepairFailure(rule.Error ?? "", plan)
            : null;

    /// <summary>What the rule's check planned, in one comparable text.</summary>
    public static string PlanOf(RuleReport rule) =>
        string.Join('\n', rule.Changes.Select(c => $"{c.Kind} {c.Path}: {c.Description}\n{c.Diff}").Concat(rule.UnitActions));
}
