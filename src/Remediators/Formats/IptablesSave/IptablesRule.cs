using System.Text.RegularExpressions;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// One <c>-A CHAIN ...</c> line read as iptables-restore reads it: the chain it appends to and
/// its specification, quoted arguments and negations understood. Which chain a rule is in and
/// where it sends packets come from here, never from searching the line's text, where a
/// comment can say anything.
/// </summary>
public sealed partial class IptablesRule
{
    private IptablesRule(string chain, RuleSpec spec, string specText, string text, bool endsInsideQuotes)
    {
        Chain = chain;
        Spec = spec;
        SpecText = specText;
        Text = text;
        EndsInsideQuotes = endsInsideQuotes;
    }

    /// <summary>The chain the rule is appended to.</summary>
    public string Chain { get; }

    /// <summary>The rule's matches and target.</summary>
    public RuleSpec Spec { get; }

    /// <summary>Everything after <c>-A CHAIN</c>, as written (quotes included), trimmed: what the agent compares its own rules to.</summary>
    public string SpecText { get; }

    /// <summary>The line, trimmed, for evidence.</summary>
    public string Text { get; }

    /// <summary>True when a quoted argument runs past the end of the line (see <see cref="IptablesWords.EndsInsideQuotes"/>).</summary>
    public bool EndsInsideQuotes { get; }

    /// <summary>The rule on <paramref name="line"/>, or null for a line that is not <c>-A CHAIN ...</c>.</summary>
    public static IptablesRule? TryParse(string line)
    {
        var split = IptablesWords.Split(line);
        var words = split.Words;

        // iptables-save -c puts "[packets:bytes]" before each rule.
        var first = words is [{ Quoted: false } counters, ..] && CountersPattern().IsMatch(counters.Value) ? 1 : 0;
        if (words.Length < first + 2 || words[first].Value is not ("-A" or "--append"))
        {
            return null;
        }

        var chain = words[first + 1];
        return new IptablesRule(chain.Value, RuleSpec.Read(words, first + 2), line[chain.End..].Trim(), line.Trim(), split.EndsInsideQuotes);
    }

    [GeneratedRegex(@"^\[[0-9]+:[0-9]+\]$")]
    private static partial Regex CountersPattern();
}
