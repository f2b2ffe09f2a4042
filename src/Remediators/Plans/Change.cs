using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// One change to the host, as data: what the check saw and what apply will make of it.
/// Each kind carries itself out through the host seam and re-checks its own precondition
/// first, so a plan that went stale between check and apply fails instead of clobbering.
/// </summary>
public abstract record Change(string Path)
{
    /// <summary>A stable kind for reports and JSON (<c>file</c>, <c>directory</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>One line a person reads in the report.</summary>
    public abstract string Describe();

    /// <summary>The same line as <see cref="Describe"/>, so logs render a change lazily and readably.</summary>
    public sealed override string ToString() => Describe();

    internal abstract ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken);
}
