using CloudSharkHardening.Agent.Cli;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

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

    public async Task<int> RunAsync(AuditArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Root is not null && OfflineRoot.Problem(arguments.Root) is { } rootProblem)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {rootProblem}").ConfigureAwait(false);
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
        await using var session = new AgentSession(files, config, offline: arguments.Root is not null, time, loggerFactory);
        var checkedAt = time.GetUtcNow();
        AuditPage page;
        try
        {
            // The rules as --check runs them: read-only, nothing written or restarted.
            var rules = await session.RunPassAsync(session.Rules, checkOnly: true, cancellationToken).ConfigureAwait(false);
            var audit = await session.AuditAsync(arguments.ConfigPath, saveAnswers: true, rememberVerdicts: false, cancellationToken).ConfigureAwait(false);
            var findings = AuditRunner.Sorted(audit.Findings.Concat(RuleFindings.From(rules.Rules)));
            var exitCode = findings.Any(f => f.Severity >= arguments.FailOn) ? FindingsAtOrAboveThreshold : 0;
            page = new AuditPage(files.Root, config.PlatformName, checkedAt, rules.Rules, findings, audit.NotChecked, arguments.FailOn, exitCode);
        }
        catch (HardeningException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: the audit could not finish: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
            return FindingsAtOrAboveThreshold;
        }

        await output.WriteAsync(arguments.Json ? AuditJsonWriter.Render(page) : AuditTableWriter.Page(page)).ConfigureAwait(false);
        return page.ExitCode;
    }
}
