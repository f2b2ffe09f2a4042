using CloudSharkHardening.Remediators;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>One rule's part of a pass.</summary>
public sealed record RuleReport(
    string Name,
    RuleMode Mode,
    RuleStatus Status,
    IReadOnlyList<ChangeReport> Changes,
    IReadOnlyList<string> UnitActions,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Evidence,
    string? Error)
{
    /// <summary>This pass carried out the rule's changes (even if a restart they needed was deferred or failed).</summary>
    public bool Applied { get; init; }
}
