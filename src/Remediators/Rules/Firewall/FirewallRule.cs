using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// Only the configured source ranges reach the public ports, and the local-only ports are
/// dropped on every interface but loopback, for IPv4 and IPv6 alike, through one chain per
/// family that the agent owns (<see cref="ManagedChain"/>). The running kernel is read with
/// iptables-save and loaded with one iptables-restore --noflush transaction; the saved rules
/// file is edited so the chain survives a reboot. Nobody else's rule or policy is touched.
/// </summary>
public sealed partial class FirewallRule(FirewallOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "firewall";

    private const string FirewalldUnit = "firewalld.service";

    /// <summary>Present exactly when the running kernel has IPv6 (absent with ipv6.disable=1).</summary>
    private const string KernelIPv6 = "/proc/sys/net/ipv6";

    /// <summary>Mode of a saved rules file the rule creates: root only, as EL ships /etc/sysconfig/iptables.</summary>
    private const UnixFileMode SavedRulesMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <inheritdoc />
    public string Name => RuleName;

    /// <summary>
    /// The saved rules files. The kernel's tables are no files: the daemon watches them the
    /// way <see cref="KernelWatchAsync"/> says.
    /// </summary>
    public IReadOnlyList<WatchedPath> WatchedPaths => [new(options.SavedRulesV4, WatchScope.Node), new(options.SavedRulesV6, WatchScope.Node)];

    /// <summary>firewalld: whether it runs decides whether the rule applies.</summary>
    public IReadOnlyList<string> WatchedUnits => [FirewalldUnit];

    /// <inheritdoc />
    /// <exception cref="Errors.HardeningException">An iptables tool is missing or failed.</exception>
    /// <exception cref="Errors.UnsupportedFileException">A saved rules file has a filter table the rule cannot edit safely.</exception>
    public async ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var firewalld = await FirewalldAsync(cancellationToken).ConfigureAwait(false);
        if (firewalld && options.Backend == FirewallBackendChoice.Auto)
        {
            return Plan.NotApplicable(RuleName, $"firewalld {(host.Live.IsRunning ? "is running" : "is enabled")} and owns this firewall, so the rule stands aside; set rules.firewall.backend to \"iptables\" to keep the agent's chain beside it");
        }

        var notes = new List<string>();
        if (firewalld)
        {
            notes.Add("firewalld is running; the chain is kept beside it because the config chooses iptables: what the chain drops stays dropped, what it lets through firewalld still judges");
        }

        if (!host.Live.IsRunning)
        {
            notes.Add("an offline image: only the saved rules files are checked, not a running kernel");
        }

        var changes = new List<Change>();
        var evidence = new List<string>();
        foreach (var family in IptablesFamily.Of(options))
        {
            var chain = ManagedChain.For(options, family);
            if (host.Live.IsRunning && !HasKernelTable(family))
            {
                // ip6tables would only fail; with no IPv6 there is nothing to let past.
                notes.Add($"IPv6: the running kernel has no IPv6 (no {KernelIPv6}), so there is no IPv6 table to load; the saved file is still kept");
            }
            else if (host.Live.IsRunning)
            {
                var kernel = await new KernelCheck(host, family, chain).RunAsync(cancellationToken).ConfigureAwait(false);
                notes.AddRange(kernel.Notes);
                evidence.AddRange(kernel.Evidence);
                if (kernel.Load is not null)
                {
                    changes.Add(kernel.Load);
                }
            }

            changes.AddRange(SavedRulesEdit(family, chain, notes));
        }

        return new Plan(RuleName, [.. changes], [], [.. notes]) { Evidence = [.. evidence] };
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether firewalld runs (on an image: starts at boot).</summary>
    private async ValueTask<bool> FirewalldAsync(CancellationToken cancellationToken) =>
        host.Live.IsRunning
            ? (await host.Live.UnitStateAsync(FirewalldUnit, cancellationToken).ConfigureAwait(false)).IsActive
            : UnitFiles.IsEnabled(host.Files, FirewalldUnit);

    private bool HasKernelTable(IptablesFamily family) => !family.IsIPv6 || host.Files.Stat(KernelIPv6).Exists;

    /// <summary>The edit that puts the chain into the family's saved rules file, if it needs one.</summary>
    private IEnumerable<FileEdit> SavedRulesEdit(IptablesFamily family, ManagedChain chain, List<string> notes)
    {
        var loaderProblem = BootLoader.Problem(host.Files, family.SavedRules);
        if (loaderProblem is not null)
        {
            notes.Add($"{family.Label}: {loaderProblem}");
        }

        var file = host.Files.ReadText(family.SavedRules);
        if (file is null)
        {
            // Without a loader a new file would only look like persistence.
            return loaderProblem is not null
                ? []
                : [new FileEdit(host.Files.ResolveLinks(family.SavedRules), null, SavedRulesEditor.Apply(new TextFile(family.SavedRules, ""), chain), $"the {family.Label} chain, restored at boot (was: no file)") { NewFileMode = SavedRulesMode }];
        }

        var after = SavedRulesEditor.Apply(file, chain);
        return after == file.Text
            ? []
            : [new FileEdit(file.Path, file.Text, after, $"the {family.Label} chain as configured, restored at boot")];
    }
}
