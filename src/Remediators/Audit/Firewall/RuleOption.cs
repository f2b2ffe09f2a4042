namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>One match option of a rule: <c>-p tcp</c>, <c>! -i lo</c>, <c>--dports 80,443</c>.</summary>
public sealed record RuleOption(string Name, IReadOnlyList<string> Values, bool Negated)
{
    /// <summary>The first value, or "" for a flag such as <c>--syn</c>.</summary>
    public string Value => Values.Count > 0 ? Values[0] : "";
}
