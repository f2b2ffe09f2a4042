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
    public const string LiveLockPath = "/run/cloudshark-hardening.lock";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(OnceArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Root is not null && OfflineRoot.Problem(arguments.Root) is { } rootProblem)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {rootProblem}").ConfigureAwait(false);
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
        await using var session = new AgentSession(files, config, offline: arguments.Root is not null, time, loggerFactory, afterRuleApplied: CrashTestHook());
        var rules = session.Rules.Where(r => arguments.Rules.Count == 0 || arguments.Rules.Contains(r.Rule.Name)).ToList();
        RunReport report;
        try
        {
            report = await session.RunPassAsync(rules, arguments.CheckOnly, cancellationToken).ConfigureAwait(false);
            // After the pass, so the findings describe the appliance as the pass left it.
            report = report with { Audit = await session.AuditAsync(arguments.ConfigPath, saveAnswers: !arguments.CheckOnly, rememberVerdicts: !arguments.CheckOnly, cancellationToken).ConfigureAwait(false) };
            if (!arguments.CheckOnly)
            {
                session.SaveReport(report);
            }
        }
        catch (HardeningException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
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

}
