using System.ComponentModel;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Processes;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// The three iptables programs the rule runs, argv only: <c>-V</c> (which names the backend),
/// <c>-save -t filter</c> (the kernel's table, read-only) and <c>-restore --noflush --wait</c>
/// (one transaction that replaces only what its payload names, serialised with the xtables lock).
/// </summary>
internal static class IptablesCommands
{
    /// <summary>How long iptables-restore waits for another program's xtables lock.</summary>
    public const int LockWaitSeconds = 10;

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromSeconds(LockWaitSeconds + 20);

    /// <summary>The first line of <c>iptables -V</c>, e.g. <c>iptables v1.8.9 (nf_tables)</c>.</summary>
    public static async Task<string> VersionAsync(ApplianceHost host, IptablesFamily family, CancellationToken cancellationToken)
    {
        var result = await RunAsync(host, family.Main, ["-V"], ReadTimeout, null, cancellationToken).ConfigureAwait(false);
        return FirstLines(result.Output, 1);
    }

    /// <summary>Whether <paramref name="version"/>, the first line of <c>iptables -V</c>, names the nf_tables backend (iptables-nft).</summary>
    public static bool IsNfTables(string version) => version.Contains("(nf_tables)", StringComparison.Ordinal);

    /// <summary>The kernel's filter table as iptables-save prints it, and what it said on stderr (warnings).</summary>
    public static async Task<CommandResult> SaveFilterAsync(ApplianceHost host, IptablesFamily family, CancellationToken cancellationToken) =>
        await RunAsync(host, family.Save, ["-t", ManagedChain.Table], ReadTimeout, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Loads <paramref name="payload"/> in one transaction: all of it or, on any error, none of it.</summary>
    public static async Task RestoreAsync(ApplianceHost host, IptablesFamily family, string payload, CancellationToken cancellationToken) =>
        await RunAsync(host, family.Restore, ["--noflush", "--wait", $"{LockWaitSeconds}"], RestoreTimeout, payload, cancellationToken).ConfigureAwait(false);

    private static async Task<CommandResult> RunAsync(ApplianceHost host, string program, IReadOnlyList<string> arguments, TimeSpan timeout, string? input, CancellationToken cancellationToken)
    {
        CommandResult result;
        try
        {
            result = await host.Commands.RunAsync(program, arguments, timeout, cancellationToken, input).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new HardeningException($"{program} cannot be run ({e.Message}): the firewall rule needs the iptables tools (the iptables-nft package on EL 8/9, iptables on Debian)", innerException: e);
        }

        if (!result.Succeeded)
        {
            // iptables-restore exits 4 when another program held the xtables lock for the whole wait.
            var lockHeld = result.ExitCode == 4 && result.Error.Contains("xtables lock", StringComparison.Ordinal);
            var what = input is null ? "" : "; the kernel's rules are as they were (the load is one transaction)";
            throw new HardeningException($"{program} {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {FirstLines(result.Error, 2)}{what}", isTransient: lockHeld);
        }

        return result;
    }

    private static string FirstLines(string text, int count) =>
        string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(count).DefaultIfEmpty("(nothing)"));
}
