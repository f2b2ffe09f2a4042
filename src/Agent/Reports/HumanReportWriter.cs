using System.Text;
using CloudSharkHardening.Agent.Audit;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// The report as a person reads it after <c>--once</c>: one line per rule, what changed
/// under it, unit actions, and with <c>--diff</c> the file changes as unified diffs. Every
/// value is escaped for the terminal (<see cref="TerminalText"/>): most come from the system.
/// </summary>
public static class HumanReportWriter
{
    public static string Render(RunReport report, bool withDiffs)
    {
        var text = new StringBuilder();
        var verb = report.CheckOnly ? "check" : "pass";
        text.AppendEscaped($"cloudshark-hardening {verb} {report.RunId} on {report.Root} ({report.Platform})\n");
        foreach (var rule in report.Rules)
        {
            text.AppendEscaped($"  {rule.Name,-16} {StatusWord(rule),-10}{Summary(rule)}\n");
            foreach (var change in rule.Changes.Skip(rule.Error is null ? 1 : 0))
            {
                text.AppendEscaped($"  {"",-16} {"",-10}{change.Description}\n");
            }

            foreach (var seen in rule.Evidence)
            {
                text.AppendEscaped($"  {"",-16} {"",-10}seen: {seen}\n");
            }

            foreach (var note in rule.Notes)
            {
                text.AppendEscaped($"  {"",-16} {"",-10}note: {note}\n");
            }

            if (withDiffs)
            {
                foreach (var diff in rule.Changes.Select(c => c.Diff).Where(d => !string.IsNullOrEmpty(d)))
                {
                    text.Append(UnifiedDiff.ForTerminal(diff!));
                }
            }
        }

        foreach (var action in report.UnitActions)
        {
            var what = $"{action.Action} {action.Unit}".TrimEnd();
            text.AppendEscaped($"  {what}: {action.Result} ({action.Message})\n");
        }

        if (report.Audit is not null)
        {
            text.Append(AuditTableWriter.PassSection(report.Audit));
        }

        text.AppendEscaped($"exit {report.ExitCode}: {Meaning(report)}\n");
        return text.ToString();
    }

    private static string StatusWord(RuleReport rule) => rule.Status switch
    {
        RuleStatus.Compliant => "compliant",
        RuleStatus.Changed => "changed",
        RuleStatus.Drift => "drift",
        RuleStatus.Failed => "FAILED",
        RuleStatus.Contested => "contested",
        RuleStatus.NotApplicable => "n/a",
        _ => "off",
    };

    private static string Summary(RuleReport rule) =>
        rule.Error ?? (rule.Changes.Count > 0 ? rule.Changes[0].Description : null) ?? (rule.Status is RuleStatus.Changed or RuleStatus.Drift && rule.UnitActions.Count > 0 ? string.Join(", ", rule.UnitActions) : null) ?? (rule.Mode == Remediators.RuleMode.Audit && rule.Status == RuleStatus.Compliant ? "(audit only)" : "");

    private static string Meaning(RunReport report)
    {
        var parts = new List<string>();
        if (report.Rules.Any(r => r.Status == RuleStatus.Changed) || report.UnitActions.Any(u => u.Result == "done" && u.Reason == "owed"))
        {
            parts.Add("changes made");
        }

        if (report.Rules.Any(r => r.Status == RuleStatus.Drift))
        {
            parts.Add("drift found and left as it is");
        }

        if (report.Rules.Any(r => r.Status == RuleStatus.Failed))
        {
            parts.Add("a rule failed");
        }

        return parts.Count == 0 ? "compliant, nothing changed" : string.Join(", ", parts);
    }
}
