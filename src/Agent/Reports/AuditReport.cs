using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// The audit's findings, most severe first: for a person to act on, never acted on by the
/// agent. Part of every pass's report and of <c>cloudshark-hardening audit</c>.
/// </summary>
/// <param name="Findings">Most severe first, then by id.</param>
/// <param name="NotChecked">What the audit could not look at here, and why (an offline image has no sockets).</param>
public sealed record AuditReport(IReadOnlyList<Finding> Findings, IReadOnlyList<string> NotChecked)
{
    /// <summary>How many findings of each severity, most severe first: "1 critical, 2 high".</summary>
    public string Counts() => Findings.Count == 0
        ? "no findings"
        : string.Join(", ", Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {SeverityWord(g.Key)}"));

    /// <summary>The word the report and <c>--fail-on</c> use: info, low, medium, high, critical.</summary>
    public static string SeverityWord(Severity severity) => severity.ToString().ToLowerInvariant();
}
