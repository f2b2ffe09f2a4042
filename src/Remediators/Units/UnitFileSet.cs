using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// The unit files systemd reads for one unit: the fragment (<c>null</c> when none is found)
/// and the drop-ins, in the order systemd applies them. Paths are where systemd found each
/// file in its search directories (a symlinked file is named by its link, as D-Bus's
/// <c>FragmentPath</c> and <c>DropInPaths</c> name it); a masked unit has no drop-ins.
/// </summary>
public sealed record UnitFileSet(string Unit, string? FragmentPath, ImmutableArray<string> DropInPaths, bool IsMasked)
{
    /// <summary>
    /// The unit's own name, which specifiers such as <c>%n</c> expand to: <see cref="Unit"/>,
    /// or the name an alias symlink leads to (<c>mysql.service</c> → <c>mariadb.service</c>).
    /// </summary>
    public string Id { get; init; } = Unit;

    /// <summary>Every file systemd reads for the unit, fragment first.</summary>
    public IEnumerable<string> Paths => FragmentPath is null ? DropInPaths : DropInPaths.Insert(0, FragmentPath);
}
