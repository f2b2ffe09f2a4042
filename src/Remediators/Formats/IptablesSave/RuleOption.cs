using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>One option of a rule with its arguments: <c>-p tcp</c>, <c>! -i lo</c>, <c>--dports 80,443</c>.</summary>
/// <param name="Name">The option as written: <c>-s</c>, <c>--comment</c>.</param>
/// <param name="Values">Its arguments, unquoted.</param>
/// <param name="Negated">True for <c>! -s 10.0.0.0/8</c> and the older <c>-s ! 10.0.0.0/8</c>.</param>
public sealed record RuleOption(string Name, ImmutableArray<string> Values, bool Negated)
{
    /// <summary>The first argument, or "" for a flag such as <c>--syn</c>.</summary>
    public string Value => Values.IsEmpty ? "" : Values[0];
}
