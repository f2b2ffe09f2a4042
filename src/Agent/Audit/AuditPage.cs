using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>What <c>cloudshark-hardening audit</c> prints: the one page an administrator reads.</summary>
/// <param name="Root">"/" on a live system, the image directory with --root.</param>
/// <param name="Platform">redhat or debian.</param>
/// <param name="CheckedAt">When the audit ran (UTC).</param>
/// <param name="Rules">Each rule's own status from a read-only check; drift and failures are findings too.</param>
/// <param name="Findings">Most severe first.</param>
/// <param name="NotChecked">What could not be looked at, and why.</param>
/// <param name="FailOn">The --fail-on threshold.</param>
/// <param name="ExitCode">0 when no finding is at or above <paramref name="FailOn"/>, else 1.</param>
public sealed record AuditPage(
    string Root,
    string Platform,
    DateTimeOffset CheckedAt,
    IReadOnlyList<RuleReport> Rules,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> NotChecked,
    Severity FailOn,
    int ExitCode);
