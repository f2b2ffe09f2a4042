using System.CommandLine;
using CloudSharkHardening.Agent.Audit;
using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Cli;

/// <summary>The <c>audit</c> subcommand's options, handed to <see cref="AuditCommand"/>.</summary>
internal static class AuditCommandLine
{
    private static readonly string[] SeverityWords = [.. Enum.GetValues<Severity>().Select(Reports.AuditReport.SeverityWord)];

    public static Command Create(TextWriter output, TextWriter error, TimeProvider time)
    {
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON on stdout" };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when any finding is at least this severe (info, low, medium, high, critical)",
            DefaultValueFactory = _ => "high",
        };
        failOn.AcceptOnlyFromAmong(SeverityWords);
        var config = new Option<string>("--config") { Description = "Configuration file (default /etc/cloudshark-hardening/hardening.json)" };
        var root = new Option<string>("--root") { Description = "Audit the offline image mounted at this directory (its files only)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every step to stderr" };
        var command = new Command("audit", "Report what the hardening guide warns about and a person must fix: exposed listeners, shipped passwords, time sync, security updates, the agent itself. Changes nothing.")
        {
            json, failOn, config, root, verbose,
        };
        command.SetAction((parsed, token) => new AuditCommand(output, error, time).RunAsync(
            new AuditArguments(
                parsed.GetValue(json),
                Enum.Parse<Severity>(parsed.GetValue(failOn) ?? "high", ignoreCase: true),
                parsed.GetValue(config),
                parsed.GetValue(root),
                parsed.GetValue(verbose)),
            token));
        return command;
    }
}
