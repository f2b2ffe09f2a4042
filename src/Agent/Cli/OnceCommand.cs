using System.Security.Cryptography;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Cli;

/// <summary>
/// One pass as a person runs it: lock, load and validate the configuration, run the engine,
/// keep the report, print it, and map it to an exit code.
/// </summary>
public sealed class OnceCommand(TextWriter output, TextWriter error, TimeProvider time)
{
    public const string DefaultConfigPath = "/etc/cloudshark-hardening/hardening.json";
    private const string LiveLockPath = "/run/cloudshark-hardening.lock";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    // Longer than systemd's default start timeout (90 s), so systemd decides a slow start first.
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(100);

    public async Task<int> RunAsync(OnceArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Root is not null && !Directory.Exists(arguments.Root))
        {
            await error.WriteLineAsync($"cloudshark-hardening: --root {arguments.Root}: no such directory").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var files = new RootedFileSystem(arguments.Root ?? "/");
        // An offline image is locked as its own root directory, so a check leaves it byte-identical.
        using var runLock = await RunLock.AcquireAsync(arguments.Root is null ? LiveLockPath : files.Root, LockWait, time, cancellationToken).ConfigureAwait(false);
        if (runLock is null)
        {
            await error.WriteLineAsync($"cloudshark-hardening: another run holds the lock; gave up after {LockWait.TotalSeconds:F0} s").ConfigureAwait(false);
            return ExitCodes.Locked;
        }

        HardeningConfig config;
        try
        {
            config = ConfigLoader.Load(files, arguments.ConfigPath);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {e.Message}\nNothing was changed.").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        var unknownRules = arguments.Rules.Except(RuleCatalog.Names, StringComparer.Ordinal).ToList();
        if (unknownRules.Count > 0)
        {
            await error.WriteLineAsync($"cloudshark-hardening: unknown rule(s) {string.Join(", ", unknownRules)}; the rules are {string.Join(", ", RuleCatalog.Names)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var loggerFactory = LoggingSetup.Create(arguments.Verbose);
        await using var systemd = arguments.Root is null
            ? new SystemdUnitManager(token => SystemdUnitManager.ConnectToSystemdAsync(time, token), new Remediators.Host.Processes.CommandRunner(time), time, JobTimeout)
            : null;
        IUnitManager units = systemd is null ? new OfflineUnitManager() : systemd;
        // A live system is proven by its sockets and systemd's word; an image by its files alone.
        var live = systemd is null ? null : new LiveSystem(new Remediators.Host.Listeners.ListenerProbe(files), systemd, new Remediators.Host.Processes.CommandRunner(time));
        var host = new ApplianceHost(files, config.StateDirectory, time, live);
        var rules = RuleCatalog.Create(config, host)
            .Where(r => arguments.Rules.Count == 0 || arguments.Rules.Contains(r.Rule.Name))
            .ToList();
        var engine = new HardeningEngine(
            rules,
            units,
            new RestartIntentStore(files, host.Writer, config.StateDirectory),
            new PlanRollback(host),
            RetryPipeline.Create(time, AttemptTimeout, FirstRetryDelay),
            time,
            loggerFactory.CreateLogger<HardeningEngine>(),
            CrashTestHook());

        RunReport report;
        try
        {
            var request = new RunRequest(NewRunId(), arguments.CheckOnly, files.Root, config.PlatformName);
            report = await engine.RunOnceAsync(request, cancellationToken).ConfigureAwait(false);
            // After the pass, so the findings describe the appliance as the pass left it.
            report = report with { Audit = await Audit.AuditChecks.RunAsync(config, host, arguments.ConfigPath, saveAnswers: !arguments.CheckOnly, time, cancellationToken).ConfigureAwait(false) };
            if (!arguments.CheckOnly)
            {
                host.Writer.WriteStateFile(AppliancePath.Combine(config.StateDirectory, "last-run.json"), JsonReportWriter.Render(report));
            }
        }
        catch (HardeningException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {e.Message}").ConfigureAwait(false);
            return ExitCodes.RuleFailed;
        }

        using (var notifier = SystemdNotifier.FromEnvironment())
        {
            notifier?.Ready(report.Summary());
        }

        await output.WriteAsync(arguments.Json ? JsonReportWriter.Render(report) : HumanReportWriter.Render(report, arguments.ShowDiff)).ConfigureAwait(false);
        return report.ExitCode;
    }

    /// <summary>
    /// For the end-to-end suite only: CLOUDSHARK_HARDENING_TEST_KILL_AFTER_APPLY=RULE makes
    /// the process SIGKILL itself right after RULE's files are written and before any
    /// restart, the crash that owed restarts on disk exist for. Unset, it does nothing.
    /// </summary>
    private static Action<string>? CrashTestHook() =>
        Environment.GetEnvironmentVariable("CLOUDSHARK_HARDENING_TEST_KILL_AFTER_APPLY") is { Length: > 0 } victim
            ? rule =>
            {
                if (rule == victim)
                {
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                }
            }
            : null;

    private static string NewRunId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
