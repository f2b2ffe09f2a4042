using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// Reads one family's running filter table and says what the agent's part of it lacks: the
/// evidence, the load that fixes it (<c>null</c> when the kernel already holds the chain),
/// and notes on the backend and on rules that could let traffic past the chain.
/// </summary>
internal sealed class KernelCheck(ApplianceHost host, IptablesFamily family, ManagedChain chain, IReadOnlyCollection<int> managedPorts)
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

        var view = KernelChainView.Read(saved.Output, chain.Name, managedPorts);
        Notes.AddRange(view.Bypasses.Select(rule => $"{family.Label}: \"{rule}\" comes before the jump to {chain.Name} and may accept managed ports first; the agent never moves anyone's rules"));
        if (view.Holds(chain))
        {
            return this;
        }

        var path = $"{family.Tool}:{ManagedChain.Table}/{chain.Name}";
        var seen = Drift(view);
        Evidence.AddRange(seen.Select(what => $"the kernel's {family.Label} filter table {what}"));
        var why = view.IsDeclared ? "refill the chain, with one plain jump from INPUT, as configured" : "create the chain and its jump from INPUT, as configured";
        Load = new ChainLoad(path, family, chain, view.Text, Payload(view), why);
        return this;
    }

    /// <summary>
    /// The restore input: declaring the chain creates it or, as it exists, flushes it; then
    /// its rules; the jump inserted first in INPUT only if no plain jump exists, and any other
    /// jump to the chain deleted (they are the agent's own, from an older version or a copy).
    /// </summary>
    private string Payload(KernelChainView view)
    {
        var keep = view.Jumps.IndexOf(chain.JumpSpec);
        var lines = new List<string> { $"*{ManagedChain.Table}", chain.Declaration };
        lines.AddRange(view.Jumps.Where((_, i) => i != keep).Select(jump => $"-D INPUT {jump}"));
        if (keep < 0)
        {
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

        return seen;
    }

    private static string Backend(string version) =>
        version.Contains("(nf_tables)", StringComparison.Ordinal) ? "nf_tables"
        : version.Contains("(legacy)", StringComparison.Ordinal) ? "legacy"
        : "legacy (an iptables without a backend in its version is the old one)";
}
