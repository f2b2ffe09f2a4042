namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// One <c>-A CHAIN ...</c> line: its match options (each possibly negated with <c>!</c>) and
/// its target. Options after the target (<c>--reject-with</c>, <c>--log-prefix</c>) belong to
/// the target and are not matches.
/// </summary>
public sealed class IptablesRule
{
    private IptablesRule(string chain, IReadOnlyList<RuleOption> matches, string? target, bool isGoto, string text)
    {
        Chain = chain;
        Matches = matches;
        Target = target;
        IsGoto = isGoto;
        Text = text;
    }

    public string Chain { get; }

    /// <summary>The match options in order, with their values.</summary>
    public IReadOnlyList<RuleOption> Matches { get; }

    /// <summary>ACCEPT, DROP, a chain name, ...; null for a rule that only counts.</summary>
    public string? Target { get; }

    /// <summary><c>-g</c>: a RETURN from the target chain returns from this rule's chain too.</summary>
    public bool IsGoto { get; }

    /// <summary>The line as iptables-save printed it, for evidence.</summary>
    public string Text { get; }

    /// <summary>The rule, or null for a line that is not <c>-A CHAIN ...</c>.</summary>
    public static IptablesRule? TryParse(string line)
    {
        var words = IptablesWords.Split(line);
        if (words.Count > 0 && words[0].StartsWith('[') && words[0].EndsWith(']'))
        {
            words.RemoveAt(0); // counters, when saved with -c
        }

        if (words.Count < 2 || words[0] is not ("-A" or "--append"))
        {
            return null;
        }

        var matches = new List<RuleOption>();
        string? target = null;
        var isGoto = false;
        var negated = false;
        for (var index = 2; index < words.Count && target is null; index++)
        {
            var word = words[index];
            if (word == "!")
            {
                negated = true;
                continue;
            }

            var values = new List<string>();
            while (index + 1 < words.Count && !IsOptionStart(words[index + 1]))
            {
                values.Add(words[++index]);
            }

            if (word is "-j" or "--jump" or "-g" or "--goto")
            {
                target = values.FirstOrDefault() ?? "";
                isGoto = word is "-g" or "--goto";
            }
            else
            {
                matches.Add(new RuleOption(word, values, negated));
            }

            negated = false;
        }

        return new IptablesRule(words[1], matches, target, isGoto, line.Trim());
    }

    private static bool IsOptionStart(string word) => word == "!" || (word.StartsWith('-') && word.Length > 1 && !char.IsAsciiDigit(word[1]));
}
