namespace CloudSharkHardening.Remediators.Audit.Updates;

/// <summary>One package a security update is waiting for.</summary>
/// <param name="Package">The package (dnf prints the new NEVRA; apt the name).</param>
/// <param name="Advisory">The advisory id (RHSA-2024:1234) where the package manager names one.</param>
/// <param name="Rating">The advisory's own severity (Critical, Important, Moderate, Low) where given.</param>
public sealed record PendingUpdate(string Package, string? Advisory, string? Rating)
{
    /// <summary>Critical or Important advisories are the ones vendors ask to apply at once.</summary>
    public bool IsUrgent => Rating is not null && (Rating.Equals("Critical", StringComparison.OrdinalIgnoreCase) || Rating.Equals("Important", StringComparison.OrdinalIgnoreCase));
}
