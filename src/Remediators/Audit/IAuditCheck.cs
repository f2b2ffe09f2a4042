namespace CloudSharkHardening.Remediators.Audit;

/// <summary>
/// One read-only look at the appliance: it never changes anything the appliance runs on. A
/// check that cannot look throws a typed exception; the audit reports that as its own finding.
/// </summary>
public interface IAuditCheck
{
    /// <summary>Short and stable (<c>listeners</c>, <c>passwords</c>): names the check in failures.</summary>
    string Name { get; }

    /// <summary>Every finding; an empty list means nothing to report.</summary>
    Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken);
}
