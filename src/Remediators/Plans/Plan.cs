using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// What a rule's check found: the changes that would bring the host to the desired state,
/// the unit actions those changes need, and notes a person should read.
/// </summary>
public sealed record Plan(
    string Rule,
    ImmutableArray<Change> Changes,
    ImmutableArray<UnitAction> UnitActions,
    ImmutableArray<string> Notes)
{
    /// <summary>True when nothing needs to change.</summary>
    public bool IsCompliant => Changes.IsEmpty;

    public static Plan Compliant(string rule, params string[] notes) =>
        new(rule, [], [], [.. notes]);
}
