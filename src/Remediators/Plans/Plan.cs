using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// What a rule's check found: the changes that would bring the host to the desired state,
/// the unit actions those changes (or the live system) need, what the live system showed
/// that is wrong, and notes a person should read.
/// </summary>
public sealed record Plan(
    string Rule,
    ImmutableArray<Change> Changes,
    ImmutableArray<UnitAction> UnitActions,
    ImmutableArray<string> Notes)
{
    /// <summary>
    /// What the running system showed that breaks the rule, e.g. "mariadbd (pid 812) listens
    /// on 0.0.0.0:3306". Files that say the right thing are not enough.
    /// </summary>
    public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>True when files and the live system both hold: nothing to change, restart or report.</summary>
    public bool IsCompliant => Changes.IsEmpty && UnitActions.IsEmpty && Evidence.IsEmpty;

    /// <summary>
    /// Why the rule does not apply to this host at all (another tool owns what it would
    /// manage); <c>null</c> when it applies. Such a plan changes nothing.
    /// </summary>
    public string? NotApplicableBecause { get; init; }

    public static Plan Compliant(string rule, params string[] notes) =>
        new(rule, [], [], [.. notes]);

    /// <summary>A plan that changes nothing because the rule does not apply here; <paramref name="reason"/> says why.</summary>
    public static Plan NotApplicable(string rule, string reason) =>
        new(rule, [], [], [reason]) { NotApplicableBecause = reason };
}
