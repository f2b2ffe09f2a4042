using System.Text.RegularExpressions;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// One line of an iptables-save file with its exact text. Chain declarations give their chain
/// and policy; rules are read into an <see cref="IptablesRule"/>, which is all the agent ever
/// compares; everything else about a line is kept, not understood.
/// </summary>
public sealed partial record IptablesSaveLine
{
    private IptablesSaveLine(string text, IptablesSaveLineKind kind, string? table, string? chain = null, string? policy = null, IptablesRule? rule = null)
    {
        Text = text;
        Kind = kind;
        Table = table;
        Chain = chain;
        Policy = policy;
        Rule = rule;
    }

    /// <summary>The line as it was read, without its newline.</summary>
    public string Text { get; }

    public IptablesSaveLineKind Kind { get; }

    /// <summary>The table this line belongs to (<c>filter</c>), or <c>null</c> outside any table.</summary>
    public string? Table { get; }

    /// <summary>For a chain declaration, the chain declared; for a rule, the chain appended to.</summary>
    public string? Chain { get; }

    /// <summary>For a chain declaration, its policy: <c>ACCEPT</c> or <c>DROP</c> for a built-in chain, <c>-</c> for a user chain.</summary>
    public string? Policy { get; }

    /// <summary>For a rule, the rule read as iptables-restore reads it.</summary>
    public IptablesRule? Rule { get; }

    /// <summary>Classifies <paramref name="text"/>, which lies in <paramref name="table"/> (<c>null</c>: outside any).</summary>
    public static IptablesSaveLine Parse(string text, string? table)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new(text, IptablesSaveLineKind.Blank, table);
        }

        if (trimmed.StartsWith('#'))
        {
            return new(text, IptablesSaveLineKind.Comment, table);
        }

        if (TablePattern().Match(text) is { Success: true } header)
        {
            return new(text, IptablesSaveLineKind.Table, header.Groups["table"].Value);
        }

        if (trimmed == "COMMIT")
        {
            return new(text, IptablesSaveLineKind.Commit, table);
        }

        if (ChainPattern().Match(text) is { Success: true } chain)
        {
            var policy = chain.Groups["policy"];
            return new(text, IptablesSaveLineKind.Chain, table, chain.Groups["chain"].Value, policy.Success ? policy.Value : null);
        }

        return IptablesRule.TryParse(text) is { } rule
            ? new(text, IptablesSaveLineKind.Rule, table, rule.Chain, rule: rule)
            : new(text, IptablesSaveLineKind.Other, table);
    }

    /// <summary>A rule line as iptables-save writes it: <c>-A CHAIN SPEC</c>.</summary>
    public static IptablesSaveLine NewRule(string chain, string spec, string table) =>
        Parse($"-A {chain} {spec}", table);

    [GeneratedRegex(@"^\*(?<table>[a-z]+)\s*$")]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"^:(?<chain>\S+)(\s+(?<policy>\S+))?")]
    private static partial Regex ChainPattern();
}
