using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// One reading of systemd's unit search path, for the several questions of one pass (a
/// service, its sockets, every socket unit): each directory is listed once and each name
/// resolved once. The files can change after it was made, so a pass makes its own.
/// <see cref="UnitFileLocator"/> and <see cref="UnitEnablement"/> answer single questions with a fresh one.
/// </summary>
public sealed class UnitSearch
{
    private static readonly string[] LinkDirectorySuffixes = [".wants", ".requires"];

    private readonly UnitSearchPath _searchPath;
    private readonly UnitNameResolver _resolver;
    private readonly Dictionary<string, IReadOnlyList<string>> _links = new(StringComparer.Ordinal);

    public UnitSearch(RootedFileSystem files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _searchPath = new UnitSearchPath(files);
        _resolver = new UnitNameResolver(_searchPath);
    }

    /// <inheritdoc cref="UnitFileLocator.Locate"/>
    public UnitFileSet Locate(string unit)
    {
        var fragment = _resolver.ResolveUnit(UnitName.Parse(unit));
        var id = fragment?.Id ?? unit;
        return fragment is { IsMasked: true }
            ? new UnitFileSet(unit, fragment.Path, [], IsMasked: true) { Id = id }
            : new UnitFileSet(unit, fragment?.Path, DropInFiles.Collect(_searchPath, _resolver, UnitName.Parse(id)), IsMasked: false) { Id = id };
    }

    /// <inheritdoc cref="UnitFileLocator.UnitNames"/>
    public ImmutableArray<string> UnitNames(string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(suffix);
        return [.. _searchPath.Entries
            .Select(entry => entry.Name)
            .Where(name => name.EndsWith(suffix, StringComparison.Ordinal) && UnitName.TryParse(name, out _))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc cref="UnitEnablement.Read"/>
    public (bool StartsAtBoot, string? Evidence) Enablement(string unit)
    {
        var name = UnitName.Parse(unit);
        var fragment = _resolver.ResolveUnit(name);
        if (fragment is { IsMasked: true })
        {
            return (false, null);
        }

        var id = fragment?.Id ?? unit;
        // By its own names first: that needs no lookups, and it is how systemctl enable links.
        var link = FindLink(link => link == unit || link == id)
            ?? FindLink(link => link.EndsWith("." + name.Type, StringComparison.Ordinal) && UnitName.TryParse(link, out _) && _resolver.Resolve(link)?.Id == id);
        return (link is not null, link);
    }

    /// <summary>The first link in a <c>.wants/</c> or <c>.requires/</c> directory that <paramref name="startsUnit"/> accepts; directories are listed as the search reaches them.</summary>
    private string? FindLink(Func<string, bool> startsUnit)
    {
        foreach (var (directory, entry) in _searchPath.Entries.Where(entry => LinkDirectorySuffixes.Any(suffix => entry.Name.EndsWith(suffix, StringComparison.Ordinal))))
        {
            var linkDirectory = AppliancePath.Combine(directory, entry);
            if (!_links.TryGetValue(linkDirectory, out var links))
            {
                _links[linkDirectory] = links = _searchPath.Files.ListDirectory(linkDirectory);
            }

            if (links.FirstOrDefault(startsUnit) is { } link)
            {
                return AppliancePath.Combine(linkDirectory, link);
            }
        }

        return null;
    }
}
