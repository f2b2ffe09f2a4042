using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Agent;
using CloudSharkHardening.Remediators.Audit.Listeners;
using CloudSharkHardening.Remediators.Audit.Passwords;
using CloudSharkHardening.Remediators.Audit.Time;
using CloudSharkHardening.Remediators.Audit.Updates;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>
/// The audit's checks for one appliance: the file-based ones always, the ones that ask the
/// running system (sockets, systemd, the package manager) only on a live system.
/// </summary>
public static class AuditChecks
{
    private const string OfflineReason = "listeners, time synchronisation, security updates and the agent's unit: an offline image (--root) runs nothing to ask";

    /// <summary>Runs every check for <paramref name="host"/> and returns the findings.</summary>
    /// <param name="config">The validated configuration (its <c>audit</c> section and state directory).</param>
    /// <param name="host">The appliance; its <see cref="ApplianceHost.Live"/> decides which checks can run.</param>
    /// <param name="explicitConfigPath">--config as typed (a path on this machine), or null for the default file.</param>
    /// <param name="saveAnswers">False for <c>--check</c>: the package manager's answer is not kept.</param>
    /// <param name="rememberVerdicts">True for the passes of --once and the daemon: the shipped-password
    /// verdicts are kept for the next pass. The audit command keeps none: it leaves nothing of the
    /// passwords it checked behind.</param>
    /// <param name="time">The clock for D-Bus timeouts.</param>
    /// <param name="cancellationToken">Cancels the audit.</param>
    public static Task<AuditReport> RunAsync(HardeningConfig config, ApplianceHost host, string? explicitConfigPath, bool saveAnswers, bool rememberVerdicts, TimeProvider time, CancellationToken cancellationToken) =>
        RunAsync(config, host, explicitConfigPath, saveAnswers, rememberVerdicts, TimedatedClock.OnSystemBus(time), SecurityUpdatesCheck.SystemProgramDirectories, cancellationToken);

    /// <summary>The same with the clock and the package manager's directories chosen by the caller (tests).</summary>
    internal static Task<AuditReport> RunAsync(HardeningConfig config, ApplianceHost host, string? explicitConfigPath, bool saveAnswers, bool rememberVerdicts, IClockStatus clock, IReadOnlyList<string> programDirectories, CancellationToken cancellationToken)
    {
        var (configFiles, configPath) = explicitConfigPath is null
            ? (host.Files, Cli.OnceCommand.DefaultConfigPath)
            : (new RootedFileSystem("/"), Path.GetFullPath(explicitConfigPath));
        var options = config.Audit;
        var checks = new List<IAuditCheck>
        {
            // Verdicts are kept for the live appliance's next pass; an offline image gets none.
            new ShippedPasswordCheck(host.Files, options.Accounts, new PasswordVerdictCache(host, config.StateDirectory, rememberVerdicts && host.Live.IsRunning)),
            new AgentFilesCheck(host, configFiles, configPath, config.StateDirectory),
        };
        if (!host.Live.IsRunning)
        {
            return AuditRunner.RunAsync(checks, [OfflineReason], cancellationToken);
        }

        var managed = new ManagedUnits(config.Memcached.Options.Unit, config.MariaDb.Options.Unit);
        checks.Add(new ExposedListenersCheck(host.Live, options, managed));
        checks.Add(new ForeignListenersCheck(host.Live, host.Accounts, managed));
        checks.Add(new TimeSyncCheck(host.Live, clock));
        checks.Add(new SecurityUpdatesCheck(host, host.Commands, config.Platform, options, config.StateDirectory, programDirectories, saveAnswers));
        checks.Add(new AgentUnitCheck(host.Live, options.AgentUnit));
        return AuditRunner.RunAsync(checks, [], cancellationToken);
    }
}
