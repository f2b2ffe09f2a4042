using System.Globalization;
using System.Text;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>
/// Findings as a table a person reads at a glance: severity, id and what on one line, the
/// fix beneath it, then what was seen and the benchmark references.
/// </summary>
public static class AuditTableWriter
{
    private const int SeverityWidth = 10;

    /// <summary>The whole audit page.</summary>
    public static string Page(AuditPage page)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"cloudshark-hardening audit of {page.Root} ({page.Platform}), {page.CheckedAt:yyyy-MM-dd HH:mm} UTC\n");
        AppendRows(text, page.Findings, withDetails: true);
        text.Append("rules: ").Append(string.Join(", ", page.Rules.Select(r => $"{r.Name} {r.Status.ToString().ToLowerInvariant()}"))).Append('\n');
        foreach (var reason in page.NotChecked)
        {
            text.Append("not checked: ").Append(reason).Append('\n');
        }

        var report = new AuditReport(page.Findings, page.NotChecked);
        var above = page.Findings.Count(f => f.Severity >= page.FailOn);
        var failOn = AuditReport.SeverityWord(page.FailOn);
        text.Append(CultureInfo.InvariantCulture, $"exit {page.ExitCode}: {(above == 0 ? $"nothing at or above {failOn}" : $"{above} finding(s) at or above {failOn}")} ({report.Counts()})\n");
        return text.ToString();
    }

    /// <summary>The short form for a pass's report: one line per finding, the fixes left to <c>audit</c>.</summary>
    public static string PassSection(AuditReport audit)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"audit: {audit.Counts()}{(audit.Findings.Count > 0 ? "; 'cloudshark-hardening audit' shows what was seen and the fixes" : "")}\n");
        AppendRows(text, audit.Findings, withDetails: false);
        foreach (var reason in audit.NotChecked)
        {
            text.Append("  not checked: ").Append(reason).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendRows(StringBuilder text, IReadOnlyList<Finding> findings, bool withDetails)
    {
        if (findings.Count == 0)
        {
            return;
        }

        var idWidth = findings.Max(f => f.Id.Length) + 2;
        var indent = new string(' ', 2 + SeverityWidth + idWidth);
        if (withDetails)
        {
            text.Append("  ").Append("SEVERITY".PadRight(SeverityWidth)).Append("ID".PadRight(idWidth)).Append("WHAT\n");
        }

        foreach (var finding in findings)
        {
            text.Append("  ").Append(AuditReport.SeverityWord(finding.Severity).PadRight(SeverityWidth)).Append(finding.Id.PadRight(idWidth)).Append(finding.Title).Append('\n');
            if (!withDetails)
            {
                continue;
            }

            text.Append(indent).Append("fix:  ").Append(finding.Fix).Append('\n');
            foreach (var seen in finding.Evidence)
            {
                text.Append(indent).Append("seen: ").Append(seen).Append('\n');
            }

            if (finding.References.Count > 0)
            {
                text.Append(indent).Append("ref:  ").Append(string.Join(", ", finding.References)).Append('\n');
            }
        }
    }
}
