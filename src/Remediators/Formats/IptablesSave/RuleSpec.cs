using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// What a rule specification says: its match options in order, each possibly negated, and its
/// target, the chain or verdict a matching packet goes to. Options after the target
/// (<c>--reject-with</c>, <c>--log-prefix</c>) belong to the target and are not matches:
/// iptables-save always prints the target last.
/// </summary>
/// <param name="Matches">The options before the target, with their arguments.</param>
/// <param name="Target">ACCEPT, DROP, a chain name, ...; null for a rule that only counts.</param>
/// <param name="IsGoto"><c>-g</c>: a RETURN from the target chain returns from this rule's chain too.</param>
public sealed record RuleSpec(ImmutableArray<RuleOption> Matches, string? Target, bool IsGoto)
{
    /// <summary>True when matching packets go to <paramref name="chain"/>, by <c>-j</c> or <c>-g</c>.</summary>
    public bool SendsTo(string chain) => Target == chain;

    /// <summary>Reads the options in <paramref name="words"/> from index <paramref name="start"/> on.</summary>
    public static RuleSpec Read(ImmutableArray<IptablesWord> words, int start)
    {
        var matches = ImmutableArray.CreateBuilder<RuleOption>();
        var negated = false;
        var index = start;
        while (index < words.Length)
        {
            var name = words[index++];
            if (name.IsNegation)
            {
                negated = true;
                continue;
            }

            var count = OptionArguments.Of(name.Value);

            // The older "-s ! 10.0.0.0/8": a ! right after an option that takes an argument negates it.
            if (index + 1 < words.Length && words[index].IsNegation && (count > 0 || (count is null && !words[index + 1].IsOption)))
            {
                negated = true;
                index++;
            }

            var values = ImmutableArray.CreateBuilder<string>();
            for (var taken = 0; taken < count && index < words.Length; taken++)
            {
                values.Add(words[index++].Value);
            }

            while (index < words.Length && !words[index].IsOption && !words[index].IsNegation)
            {
                values.Add(words[index++].Value);
            }

            if (name.Value is "-j" or "--jump" or "-g" or "--goto")
            {
                return new RuleSpec(matches.ToImmutable(), values.FirstOrDefault(""), name.Value is "-g" or "--goto");
            }

            matches.Add(new RuleOption(name.Value, values.ToImmutable(), negated));
            negated = false;
        }

        return new RuleSpec(matches.ToImmutable(), null, false);
    }
}
