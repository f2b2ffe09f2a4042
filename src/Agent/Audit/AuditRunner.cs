using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>
/// Runs every check and gathers the findings. A check that cannot look (no /proc, shadow
/// unreadable when not root) becomes a finding of its own; it never stops the others.
/// </summary>
public static class AuditRunner
{
    public static async Task<AuditReport> RunAsync(IReadOnlyList<IAuditCheck> checks, IReadOnlyList<string> notChecked, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        foreach (var check in checks)
        {
            try
            {
                findings.AddRange(await check.RunAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is HardeningException or IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
            {
                findings.Add(new Finding(
                    $"audit.failed.{check.Name}",
                    Severity.Low,
                    $"The {check.Name} check could not run",
                    [e.Message],
                    "Run the audit as root on the appliance itself; if it still fails, check what the evidence names.",
                    []));
            }
        }

        return new AuditReport(Sorted(findings), notChecked);
    }

    /// <summary>Most severe first, then by id, so the same problems always print in the same order.</summary>
    public static IReadOnlyList<Finding> Sorted(IEnumerable<Finding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal)];
}
