namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>What the daemon asks of the rule to notice, between passes, that the kernel's rules changed.</summary>
public sealed partial class FirewallRule
{
    /// <summary>
    /// How a change to the kernel's rules can be noticed as it happens: nf_tables
    /// notifications when every family's iptables is iptables-nft, a poll when one is the
    /// legacy backend (which sends none), no watch at all when the rule stands aside for
    /// firewalld or the root is an image.
    /// </summary>
    /// <exception cref="Errors.HardeningException">An iptables tool is missing or failed.</exception>
    public async ValueTask<KernelRulesWatch> KernelWatchAsync(CancellationToken cancellationToken)
    {
        if (!host.Live.IsRunning || (options.Backend == FirewallBackendChoice.Auto && await FirewalldAsync(cancellationToken).ConfigureAwait(false)))
        {
            return KernelRulesWatch.None;
        }

        foreach (var family in IptablesFamily.Of(options).Where(HasKernelTable))
        {
            if (!IptablesCommands.IsNfTables(await IptablesCommands.VersionAsync(host, family, cancellationToken).ConfigureAwait(false)))
            {
                return KernelRulesWatch.Poll;
            }
        }

        return KernelRulesWatch.NfTablesNotifications;
    }

    /// <summary>
    /// The evidence of the running kernel's drift alone, empty when every family holds its
    /// chain with the jump first in INPUT: what the poll asks every few seconds. It runs only
    /// the iptables tools (no systemd, no files), so it can run beside a pass.
    /// </summary>
    /// <exception cref="Errors.HardeningException">An iptables tool is missing or failed.</exception>
    public async ValueTask<IReadOnlyList<string>> KernelDriftAsync(CancellationToken cancellationToken)
    {
        var evidence = new List<string>();
        foreach (var family in IptablesFamily.Of(options).Where(HasKernelTable))
        {
            var kernel = await new KernelCheck(host, family, ManagedChain.For(options, family)).RunAsync(cancellationToken).ConfigureAwait(false);
            evidence.AddRange(kernel.Evidence);
        }

        return evidence;
    }
}
