using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Whether systemd would start a unit at boot without anyone asking: a link to it in some
/// unit's <c>.wants/</c> or <c>.requires/</c> directory in the search path (made by
/// <c>systemctl enable</c>, or shipped by the package: statically wanted). PID 1 pulls in the
/// unit the link is named after, so a link named by an alias counts too. Read from the
/// files, so it holds for an offline image and for the next boot of a running system.
/// </summary>
public static class UnitEnablement
{
    /// <summary>
    /// Whether <paramref name="unit"/> starts at boot, and the link that says so; a masked
    /// unit never starts.
    /// </summary>
    public static (bool StartsAtBoot, string? Evidence) Read(RootedFileSystem files, string unit) => new UnitSearch(files).Enablement(unit);
}
