using System.Security.Cryptography;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Processes;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>
/// <c>cloudshark-hardening audit</c>: every rule checked read-only, plus the findings the
/// agent must never fix by itself, on one page. Exit 0 when nothing is at or above
/// <c>--fail-on</c>, 1 otherwise, so it can gate a pipeline. It changes nothing on the
/// appliance; it keeps only the package manager's last answer in its own state directory.
/// </summary>
public sealed class AuditCommand(TextWriter output, TextWriter error, TimeProvider time)
{
    /// <summary>A finding at or above the --fail-on severity, or the audit could not finish.</summary>
    public const int FindingsAtOrAboveThreshold = 1;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(100);

    public async Task<int> RunAsync(AuditArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Root is not null && !Directory.Exists(arguments.Root))
        {
            await error.WriteLineAsync($"cloudshark-hardening: --root {arguments.Root}: no such directory").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var files = new RootedFileSystem(arguments.Root ?? "/");
        HardeningConfig config;
        try
        {
            config = ConfigLoader.Load(files, arguments.ConfigPath);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        using var loggerFactory = LoggingSetup.Create(arguments.Verbose);
        await using var systemd = arguments.Root is null
            ? new SystemdUnitManager(token => SystemdUnitManager.ConnectToSystemdAsync(time, token), new CommandRunner(time), time, JobTimeout)
            : null;
        var live = systemd is null ? null : new LiveSystem(new ListenerProbe(files), systemd, new CommandRunner(time));
        var host = new ApplianceHost(files, config.StateDirectory, time, live);
        var checkedAt = time.GetUtcNow();
        AuditPage page;
        try
        {
            var rules = await CheckRulesAsync(config, host, loggerFactory, cancellationToken).ConfigureAwait(false);
            var audit = await AuditChecks.RunAsync(config, host, arguments.ConfigPath, saveAnswers: true, time, cancellationToken).ConfigureAwait(false);
            var findings = AuditRunner.Sorted(audit.Findings.Concat(RuleFindings.From(rules.Rules)));
            var exitCode = findings.Any(f => f.Severity >= arguments.FailOn) ? FindingsAtOrAboveThreshold : 0;
            page = new AuditPage(files.Root, config.PlatformName, checkedAt, rules.Rules, findings, audit.NotChecked, arguments.FailOn, exitCode);
        }
        catch (HardeningException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: the audit could not finish: {e.Message}").ConfigureAwait(false);
            return FindingsAtOrAboveThreshold;
        }

        await output.WriteAsync(arguments.Json ? AuditJsonWriter.Render(page) : AuditTableWriter.Page(page)).ConfigureAwait(false);
        return page.ExitCode;
    }

    /// <summary>Every rule's read-only check, through the engine as <c>--check</c> runs it: nothing is written or restarted.</summary>
    private Task<Reports.RunReport> CheckRulesAsync(HardeningConfig config, ApplianceHost host, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var engine = new HardeningEngine(
            RuleCatalog.Create(config, host),
            new OfflineUnitManager(),
            new RestartIntentStore(host.Files, host.Writer, config.StateDirectory),
            new PlanRollback(host),
            RetryPipeline.Create(time, AttemptTimeout, FirstRetryDelay),
            time,
            loggerFactory.CreateLogger<HardeningEngine>());
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return engine.RunOnceAsync(new RunRequest(runId, CheckOnly: true, host.Files.Root, config.PlatformName), cancellationToken);
    }
}
