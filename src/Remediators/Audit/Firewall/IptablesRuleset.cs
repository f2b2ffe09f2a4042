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

    /// <summary>Parses the filter table; other tables, comments and COMMIT are passed over.</summary>
    public static IptablesRuleset Parse(string output)
    {
        var ruleset = new IptablesRuleset();
        var inFilter = false;
        foreach (var line in output.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith('*'))
            {
                inFilter = line == "*filter";
                ruleset.HasFilterTable |= inFilter;
            }
            else if (inFilter && line.StartsWith(':'))
            {
                var words = line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 2)
                {
                    ruleset._policies[words[0]] = words[1];
                    ruleset._chains.TryAdd(words[0], []);
                }
            }
            else if (inFilter && IptablesRule.TryParse(line) is { } rule)
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
