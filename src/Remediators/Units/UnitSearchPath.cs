using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// systemd's load path for system units (systemd.unit(5), "Unit File Load Path"), highest
/// priority first, with what each directory holds, listed once. <c>/lib/systemd/system</c>
/// follows <c>/usr/lib</c> for split-/usr builds (Debian's 252 lists it); on a merged /usr it
/// is the same directory and, as systemd's <c>lookup_paths_reduce()</c> does, only its first
/// name is kept.
/// </summary>
internal sealed class UnitSearchPath
{
    private static readonly ImmutableArray<string> Directories =
    [
        "/etc/systemd/system.control",
        "/run/systemd/system.control",
        "/run/systemd/transient",
        "/run/systemd/generator.early",
        "/etc/systemd/system",
        "/etc/systemd/system.attached",
        "/run/systemd/system",
        "/run/systemd/system.attached",
        "/run/systemd/generator",
        "/usr/local/lib/systemd/system",
        "/usr/lib/systemd/system",
        "/lib/systemd/system",
        "/run/systemd/generator.late",
    ];

    private readonly ImmutableArray<(string Directory, HashSet<string> Names)> _listings;
    private readonly HashSet<string> _resolvedDirectories = new(StringComparer.Ordinal);
    private ImmutableArray<(string Directory, string Name)>? _entries;

    public UnitSearchPath(RootedFileSystem files)
    {
        Files = files;
        var listings = new List<(string, HashSet<string>)>();
        foreach (var directory in Directories)
        {
            if (_resolvedDirectories.Add(files.ResolveLinks(directory)))
            {
                listings.Add((directory, new HashSet<string>(files.ListDirectory(directory), StringComparer.Ordinal)));
            }
        }

        _listings = [.. listings];
    }

    public RootedFileSystem Files { get; }

    /// <summary>The search directories in priority order, each place named once.</summary>
    public IEnumerable<string> Searched => _listings.Select(listing => listing.Directory);

    /// <summary>Every (directory, entry name) pair, in priority order and, within a directory, by name.</summary>
    public ImmutableArray<(string Directory, string Name)> Entries =>
        _entries ??= [.. _listings.SelectMany(listing => listing.Names.Order(StringComparer.Ordinal).Select(name => (listing.Directory, name)))];

    /// <summary>The search directories holding an entry called <paramref name="name"/>, highest priority first.</summary>
    public IEnumerable<string> DirectoriesWith(string name) =>
        _listings.Where(listing => listing.Names.Contains(name)).Select(listing => listing.Directory);

    /// <summary>Whether the search directory <paramref name="directory"/> holds an entry called <paramref name="name"/>.</summary>
    public bool Contains(string directory, string name) =>
        _listings.Any(listing => listing.Directory == directory && listing.Names.Contains(name));

    /// <summary>
    /// Whether <paramref name="directory"/>, with links resolved, is one of the search directories:
    /// a link into one is an alias, a link elsewhere a linked unit file.
    /// </summary>
    public bool IsSearchDirectory(string directory) => _resolvedDirectories.Contains(directory);
}
