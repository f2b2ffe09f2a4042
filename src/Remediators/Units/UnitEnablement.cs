using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Whether systemd would start a unit at boot without anyone asking: a link to it in some
/// unit's <c>.wants/</c> or <c>.requires/</c> directory in the search path (made by
/// <c>systemctl enable</c>, or shipped by the package: statically wanted). Read from the
/// files, so it holds for an offline image and for the next boot of a running system.
/// </summary>
public static class UnitEnablement
{
    private static readonly string[] LinkDirectorySuffixes = [".wants", ".requires"];

    /// <summary>
    /// Whether <paramref name="unit"/> starts at boot, and the link that says so (a link named
    /// by the unit, or by an alias of it); a masked unit never starts.
    /// </summary>
    public static (bool StartsAtBoot, string? Evidence) Read(RootedFileSystem files, string unit)
    {
        ArgumentNullException.ThrowIfNull(files);
        var name = UnitName.Parse(unit);
        var searchPath = new UnitSearchPath(files);
        var resolver = new UnitNameResolver(searchPath);
        var fragment = resolver.ResolveUnit(name);
        if (fragment is { IsMasked: true })
        {
            return (false, null);
        }

        var id = fragment?.Id ?? unit;
        foreach (var (directory, entry) in searchPath.Entries.Where(entry => LinkDirectorySuffixes.Any(suffix => entry.Name.EndsWith(suffix, StringComparison.Ordinal))))
        {
            var linkDirectory = AppliancePath.Combine(directory, entry);
            foreach (var link in files.ListDirectory(linkDirectory))
            {
                if (link == unit || link == id || (link.EndsWith("." + name.Type, StringComparison.Ordinal) && UnitName.TryParse(link, out _) && resolver.Resolve(link)?.Id == id))
                {
                    return (true, AppliancePath.Combine(linkDirectory, link));
                }
            }
        }

        return (false, null);
    }
}
