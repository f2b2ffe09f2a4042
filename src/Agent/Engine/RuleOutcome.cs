using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>A rule's progress through one pass; becomes its <see cref="RuleReport"/>.</summary>
internal sealed class RuleOutcome(IRule rule, RuleMode mode)
{
    public IRule Rule { get; } = rule;

    public RuleMode Mode { get; } = mode;

    public Plan? Plan { get; set; }

    public RuleStatus Status { get; set; }

    public string? Error { get; private set; }

    /// <summary>The plan's changes were carried out in this pass.</summary>
    public bool Applied { get; set; }

    /// <summary>The changes made in this pass, in order, whether or not the apply finished.</summary>
    public List<Change> Made { get; } = [];

    /// <summary>The apply was cut short where nobody can tell what it made (a timeout).</summary>
    public bool MadeUnknown { get; set; }

    /// <summary>Something was changed, so the plan's unit actions are due in this pass.</summary>
    public bool OwesUnitActions => Applied || Made.Count > 0;

    /// <summary>The apply failed having changed nothing: its unit actions are owed to nobody.</summary>
    public bool FailedWithoutChange => Status == RuleStatus.Failed && !OwesUnitActions && !MadeUnknown;

    public void Fail(string error)
    {
        Status = RuleStatus.Failed;
        Error = error;
    }

    public RuleReport ToReport() => new(
        Rule.Name,
        Mode,
        Status,
        Plan?.Changes.Select(ToReport).ToList() ?? [],
        Plan?.UnitActions.Select(a => a.ToString()).ToList() ?? [],
        Plan?.Notes.ToList() ?? [],
        Plan?.Evidence.ToList() ?? [],
        Error)
    {
        Applied = Applied,
    };

    private static ChangeReport ToReport(Change change) => new(
        change.Kind,
        change.Path,
        change.Describe(),
        change switch
        {
            FileEdit edit => UnifiedDiff.Create(edit.Path, edit.Before, edit.After),
            ChainLoad load => UnifiedDiff.Create($"/{load.Path}", load.Before, load.After),
            _ => null,
        });
}
