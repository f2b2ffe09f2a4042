using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// Load the agent's chain into the running kernel with one <c>iptables-restore --noflush</c>
/// transaction: the chain is flushed and refilled, the jump from INPUT added if missing or
/// moved back to INPUT's first rule, nothing else in the table touched. <paramref name="Before"/> is the agent's part of the
/// table as the check read it (declaration, jumps, rules; empty when absent): apply refuses if
/// it changed meanwhile, and reads the table back afterwards, which must show <see cref="After"/>
/// with nothing above the jump.
/// </summary>
/// <param name="Path">What is changed, as <c>iptables:filter/CHAIN</c>.</param>
/// <param name="Family">The tools of the address family.</param>
/// <param name="Chain">The chain being loaded.</param>
/// <param name="Before">The agent's lines as iptables-save printed them at check time.</param>
/// <param name="Payload">The iptables-restore input.</param>
/// <param name="Why">What the load fixes, for the report.</param>
public sealed record ChainLoad(string Path, IptablesFamily Family, ManagedChain Chain, string Before, string Payload, string Why) : Change(Path)
{
    /// <summary>The agent's lines as iptables-save prints them once loaded.</summary>
    public string After => Chain.Text();

    public override string Kind => "firewall";

    public override string Describe() => $"load {Path} with {Family.Restore} --noflush: {Why}";

    internal override async ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken)
    {
        if ((await ReadAsync(host, cancellationToken).ConfigureAwait(false)).Text != Before)
        {
            throw new ChainChangedSinceCheckException(Path);
        }

        await IptablesCommands.RestoreAsync(host, Family, Payload, cancellationToken).ConfigureAwait(false);
        var loaded = await ReadAsync(host, cancellationToken).ConfigureAwait(false);
        if (loaded.Text != After)
        {
            throw new HardeningException($"{Path} reads back differently after the load: the kernel shows\n{loaded.Text}instead of\n{After}");
        }

        if (loaded.Above is [var first, ..])
        {
            throw new HardeningException($"{Path} was loaded, but INPUT reads back with \"{first}\" above the jump (another program inserted it meanwhile?)");
        }
    }

    private async Task<KernelChainView> ReadAsync(ApplianceHost host, CancellationToken cancellationToken)
    {
        var saved = await IptablesCommands.SaveFilterAsync(host, Family, cancellationToken).ConfigureAwait(false);
        return KernelChainView.Read(saved.Output, Chain.Name);
    }
}
