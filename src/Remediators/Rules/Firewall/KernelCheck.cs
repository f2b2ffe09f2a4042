using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// Reads one family's running filter table and says what the agent's part of it lacks: the
/// evidence, the load that fixes it (<c>null</c> when the kernel already holds the chain, its
/// jump first in INPUT), and notes on the backend.
/// </summary>
internal sealed class KernelCheck(ApplianceHost host, IptablesFamily family, ManagedChain chain)
{
    public List<string> Notes { get; } = [];

    public List<string> Evidence { get; } = [];

    public ChainLoad? Load { get; private set; }

    public async Task<KernelCheck> RunAsync(CancellationToken cancellationToken)
    {
        var version = await IptablesCommands.VersionAsync(host, family, cancellationToken).ConfigureAwait(false);
        Notes.Add($"{family.Label}: {version}, the {Backend(version)} backend");
        var saved = await IptablesCommands.SaveFilterAsync(host, family, cancellationToken).ConfigureAwait(false);
        if (saved.Error.Contains("legacy tables present", StringComparison.Ordinal))
        {
            Notes.Add($"{family.Label}: iptables-legacy tables are loaded too; their rules also apply to every packet, and this rule neither reads nor changes them");
        }

        var view = KernelChainView.Read(saved.Output, chain.Name);
        if (view.Holds(chain))
        {
            return this;
        }

        var path = $"{family.Tool}:{ManagedChain.Table}/{chain.Name}";
        var seen = Drift(view);
        Evidence.AddRange(seen.Select(what => $"the kernel's {family.Label} filter table {what}"));
        var why = view.IsDeclared ? "refill the chain, with one plain jump first in INPUT, as configured" : "create the chain and its jump first in INPUT, as configured";
        Load = new ChainLoad(path, family, chain, view.Text, Payload(view), why);
        return this;
    }

    /// <summary>
    /// The restore input: declaring the chain creates it or, as it exists, flushes it; then
    /// its rules. A single plain jump already first in INPUT stays. Otherwise every jump to
    /// the chain is deleted (they are the agent's own, from an older version or a copy) and
    /// the plain one inserted as rule 1: moving only the agent's own jump puts it above
    /// others' rules without touching them or their order.
    /// </summary>
    private string Payload(KernelChainView view)
    {
        var lines = new List<string> { $"*{ManagedChain.Table}", chain.Declaration };
        if (!(view.Above.IsEmpty && view.Jumps is [var only] && only == chain.JumpSpec))
        {
            lines.AddRange(view.Jumps.Select(jump => $"-D INPUT {jump}"));
            lines.Add($"-I INPUT 1 {chain.JumpSpec}");
        }

        lines.AddRange(chain.RuleSpecs.Select(spec => $"-A {chain.Name} {spec}"));
        lines.Add("COMMIT");
        return string.Concat(lines.Select(line => line + "\n"));
    }

    private List<string> Drift(KernelChainView view)
    {
        var seen = new List<string>();
        if (!view.IsDeclared)
        {
            seen.Add($"has no chain {chain.Name}");
        }
        else if (!view.Rules.SequenceEqual(chain.RuleSpecs, StringComparer.Ordinal))
        {
            seen.Add($"has {chain.Name} with {view.Rules.Length} rule(s) that are not the {chain.RuleSpecs.Length} configured");
        }

        if (view.Jumps.IsEmpty)
        {
            seen.Add($"has no jump from INPUT to {chain.Name}");
        }
        else if (view.Jumps is not [var jump] || jump != chain.JumpSpec)
        {
            seen.Add($"jumps from INPUT to {chain.Name} as \"{string.Join("\", \"", view.Jumps)}\" instead of once as \"{chain.JumpSpec}\"");
        }

        if (view.Above is [var first, .. var more])
        {
            // Someone else's text, comments included: the report escapes it, it is only quoted here.
            var which = more.Length == 0 ? $"\"{first}\"" : $"{more.Length + 1} rules, the first \"{first}\",";
            seen.Add($"has {which} in INPUT above the jump to {chain.Name}: what they accept or send elsewhere never reaches the chain");
        }

        return seen;
    }

    private static string Backend(string version) =>
        IptablesCommands.IsNfTables(version) ? "nf_tables"
        : version.Contains("(legacy)", StringComparison.Ordinal) ? "legacy"
        : "legacy (an iptables without a backend in its version is the old one)";
}
