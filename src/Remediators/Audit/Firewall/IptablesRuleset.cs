using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// The filter table as <c>iptables-save -t filter</c> (or ip6tables-save) prints it: chain
/// declarations <c>:NAME POLICY [packets:bytes]</c> and rules <c>-A NAME ...</c>, in order.
/// Both the nft and the legacy backends print this same text. Read-only: the audit only judges it.
/// </summary>
public sealed class IptablesRuleset
{
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IptablesRule>> _chains = new(StringComparer.Ordinal);

    private IptablesRuleset()
    {
    }

    /// <summary>False when the output had no filter table: nothing is filtered at all.</summary>
    public bool HasFilterTable { get; private set; }

    /// <summary>Why the rules cannot be followed, or null: a quoted argument that runs over a line break.</summary>
    public string? Problem { get; private set; }

    /// <summary>Parses the filter table; other tables, comments and COMMIT are passed over.</summary>
    public static IptablesRuleset Parse(string output)
    {
        var ruleset = new IptablesRuleset();
        var saved = IptablesSaveFile.Parse(output);
        if (saved.QuoteAcrossLines is { } broken)
        {
            ruleset.Problem = $"a rule's quoted argument holds a line break, so the lines after it only look like rules: {broken.Text}";
        }

        foreach (var line in saved.Lines.Where(line => line.Table == "filter"))
        {
            ruleset.HasFilterTable = true;
            if (line is { Kind: IptablesSaveLineKind.Chain, Chain: { } chain })
            {
                ruleset._chains.TryAdd(chain, []);
                if (line.Policy is { } policy)
                {
                    ruleset._policies[chain] = policy;
                }
            }
            else if (line.Rule is { } rule)
            {
                if (!ruleset._chains.TryGetValue(rule.Chain, out var rules))
                {
                    rules = [];
                    ruleset._chains[rule.Chain] = rules;
                }

                rules.Add(rule);
            }
        }

        return ruleset;
    }

    /// <summary>True for a chain declared or used in the table (a jump target rather than a built-in target).</summary>
    public bool HasChain(string name) => _chains.ContainsKey(name);

    /// <summary>The rules of a chain in order; empty for an unknown chain.</summary>
    public IReadOnlyList<IptablesRule> Rules(string chain) => _chains.TryGetValue(chain, out var rules) ? rules : [];

    /// <summary>A built-in chain's policy (ACCEPT or DROP); "-" for user chains; ACCEPT when undeclared, as the kernel starts.</summary>
    public string Policy(string chain) => _policies.GetValueOrDefault(chain, "ACCEPT");
}
