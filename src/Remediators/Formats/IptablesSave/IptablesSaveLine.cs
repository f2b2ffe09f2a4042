using System.Text.RegularExpressions;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// One line of an iptables-save file with its exact text. Rules are split into the chain
/// they append to and their specification (<c>-p tcp -m tcp --dport 22 -j ACCEPT</c>), which
/// is all the agent ever compares; everything else about a line is kept, not understood.
/// </summary>
public sealed partial record IptablesSaveLine
{
    private IptablesSaveLine(string text, IptablesSaveLineKind kind, string? table, string? chain, string? ruleSpec)
    {
        Text = text;
        Kind = kind;
        Table = table;
        Chain = chain;
        RuleSpec = ruleSpec;
    }

    /// <summary>The line as it was read, without its newline.</summary>
    public string Text { get; }

    public IptablesSaveLineKind Kind { get; }

    /// <summary>The table this line belongs to (<c>filter</c>), or <c>null</c> outside any table.</summary>
    public string? Table { get; }

    /// <summary>For a chain declaration, the chain declared; for a rule, the chain appended to.</summary>
    public string? Chain { get; }

    /// <summary>For a rule, everything after <c>-A CHAIN</c>, as written.</summary>
    public string? RuleSpec { get; }

    /// <summary>Classifies <paramref name="text"/>, which lies in <paramref name="table"/> (<c>null</c>: outside any).</summary>
    public static IptablesSaveLine Parse(string text, string? table)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new(text, IptablesSaveLineKind.Blank, table, null, null);
        }

        if (trimmed.StartsWith('#'))
        {
            return new(text, IptablesSaveLineKind.Comment, table, null, null);
        }

        if (TablePattern().Match(text) is { Success: true } header)
        {
            return new(text, IptablesSaveLineKind.Table, header.Groups["table"].Value, null, null);
        }

        if (trimmed == "COMMIT")
        {
            return new(text, IptablesSaveLineKind.Commit, table, null, null);
        }

        if (ChainPattern().Match(text) is { Success: true } chain)
        {
            return new(text, IptablesSaveLineKind.Chain, table, chain.Groups["chain"].Value, null);
        }

        return RulePattern().Match(text) is { Success: true } rule
            ? new(text, IptablesSaveLineKind.Rule, table, rule.Groups["chain"].Value, rule.Groups["spec"].Value)
            : new(text, IptablesSaveLineKind.Other, table, null, null);
    }

    /// <summary>A rule line as iptables-save writes it: <c>-A CHAIN SPEC</c>.</summary>
    public static IptablesSaveLine NewRule(string chain, string spec, string table) =>
        Parse($"-A {chain} {spec}", table);

    /// <summary>True when this rule sends packets to <paramref name="chain"/> (<c>-j</c>, <c>--jump</c>, <c>-g</c>, <c>--goto</c>).</summary>
    public bool Targets(string chain)
    {
        if (RuleSpec is null)
        {
            return false;
        }

        var words = RuleSpec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (words[i] is "-j" or "--jump" or "-g" or "--goto" && words[i + 1] == chain)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^\*(?<table>[a-z]+)\s*$")]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"^:(?<chain>\S+)(\s|$)")]
    private static partial Regex ChainPattern();

    // iptables-save -c puts "[packets:bytes] " before each rule.
    [GeneratedRegex(@"^(\[\d+:\d+\]\s+)?-A\s+(?<chain>\S+)(\s+(?<spec>.*?))?\s*$")]
    private static partial Regex RulePattern();
}
