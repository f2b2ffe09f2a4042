using System.Text;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>
/// Findings as a table a person reads at a glance: severity, id and what on one line, the
/// fix beneath it, then what was seen and the benchmark references. Every value is escaped
/// for the terminal (<see cref="TerminalText"/>): evidence quotes the system.
/// </summary>
public static class AuditTableWriter
{
    private const int SeverityWidth = 10;

    /// <summary>The whole audit page.</summary>
    public static string Page(AuditPage page)
    {
        var text = new StringBuilder();
        text.AppendEscaped($"cloudshark-hardening audit of {page.Root} ({page.Platform}), {page.CheckedAt:yyyy-MM-dd HH:mm} UTC\n");
        AppendRows(text, page.Findings, withDetails: true);
        text.AppendEscaped($"rules: {string.Join(", ", page.Rules.Select(r => $"{r.Name} {r.Status.ToString().ToLowerInvariant()}"))}\n");
        foreach (var reason in page.NotChecked)
        {
            text.AppendEscaped($"not checked: {reason}\n");
        }

        var report = new AuditReport(page.Findings, page.NotChecked);
        var above = page.Findings.Count(f => f.Severity >= page.FailOn);
        var failOn = AuditReport.SeverityWord(page.FailOn);
        text.AppendEscaped($"exit {page.ExitCode}: {(above == 0 ? $"nothing at or above {failOn}" : $"{above} finding(s) at or above {failOn}")} ({report.Counts()})\n");
        return text.ToString();
    }

    /// <summary>The short form for a pass's report: one line per finding, the fixes left to <c>audit</c>.</summary>
    public static string PassSection(AuditReport audit)
    {
        var text = new StringBuilder();
        text.AppendEscaped($"audit: {audit.Counts()}{(audit.Findings.Count > 0 ? "; 'cloudshark-hardening audit' shows what was seen and the fixes" : "")}\n");
        AppendRows(text, audit.Findings, withDetails: false);
        foreach (var reason in audit.NotChecked)
        {
            text.AppendEscaped($"  not checked: {reason}\n");
        }

        return text.ToString();
    }

    private static void AppendRows(StringBuilder text, IReadOnlyList<Finding> findings, bool withDetails)
    {
        if (findings.Count == 0)
        {
            return;
        }

        var idWidth = findings.Max(f => TerminalText.Escape(f.Id).Length) + 2;
        var indent = new string(' ', 2 + SeverityWidth + idWidth);
        if (withDetails)
        {
            text.Append("  ").Append("SEVERITY".PadRight(SeverityWidth)).Append("ID".PadRight(idWidth)).Append("WHAT\n");
        }

        foreach (var finding in findings)
        {
            text.Append("  ").Append(AuditReport.SeverityWord(finding.Severity).PadRight(SeverityWidth)).Append(TerminalText.Escape(finding.Id).PadRight(idWidth)).AppendEscaped($"{finding.Title}\n");
            if (!withDetails)
            {
                continue;
            }

            text.Append(indent).AppendEscaped($"fix:  {finding.Fix}\n");
            foreach (var seen in finding.Evidence)
            {
                text.Append(indent).AppendEscaped($"seen: {seen}\n");
            }

            if (finding.References.Count > 0)
            {
                text.Append(indent).AppendEscaped($"ref:  {string.Join(", ", finding.References)}\n");
            }
        }
    }
}
