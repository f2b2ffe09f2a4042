using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Finds the files systemd reads for a system unit, from the files themselves, so the answer
/// holds for an offline image and for the running system's next boot alike. Every path is
/// reached through <see cref="RootedFileSystem"/>: a link it refuses to follow stops the
/// search with an <see cref="Errors.UnsafePathException"/>.
/// </summary>
public static class UnitFileLocator
{
    /// <summary>
    /// The fragment and drop-ins of <paramref name="unit"/> in systemd's search order (see
    /// <see cref="UnitSearchPath"/> and <see cref="DropInFiles"/>). An instance without a file
    /// of its own uses its template's. A fragment that is a symlink to <c>/dev/null</c>, or an
    /// empty file, means masked; a symlink to another unit file in a search directory (an
    /// alias) is followed by name.
    /// </summary>
    public static UnitFileSet Locate(RootedFileSystem files, string unit)
    {
        ArgumentNullException.ThrowIfNull(files);
        var name = UnitName.Parse(unit);
        var searchPath = new UnitSearchPath(files);
        var resolver = new UnitNameResolver(searchPath);
        var fragment = resolver.ResolveUnit(name);
        var id = fragment?.Id ?? unit;
        if (fragment is { IsMasked: true })
        {
            return new UnitFileSet(unit, fragment.Path, [], IsMasked: true) { Id = id };
        }

        return new UnitFileSet(unit, fragment?.Path, DropInFiles.Collect(searchPath, resolver, UnitName.Parse(id)), IsMasked: false) { Id = id };
    }

    /// <summary>Every unit name ending in <paramref name="suffix"/> (e.g. ".socket") in the search directories, sorted.</summary>
    public static ImmutableArray<string> UnitNames(RootedFileSystem files, string suffix)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(suffix);
        return [.. new UnitSearchPath(files).Entries
            .Select(entry => entry.Name)
            .Where(name => name.EndsWith(suffix, StringComparison.Ordinal) && UnitName.TryParse(name, out _))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}
