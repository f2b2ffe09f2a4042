using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// systemd's load path for system units (systemd.unit(5), "Unit File Load Path"), highest
/// priority first, with what each directory holds, listed once. <c>/lib/systemd/system</c>
/// follows <c>/usr/lib</c> for split-/usr builds (Debian's 252 lists it); on a merged /usr it
/// is the same directory, so its entries are found under <c>/usr/lib</c> first.
/// </summary>
internal sealed class UnitSearchPath
{
    public static readonly ImmutableArray<string> Directories =
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
    private HashSet<string>? _resolvedDirectories;

    public UnitSearchPath(RootedFileSystem files)
    {
        Files = files;
        _listings = [.. Directories.Select(directory => (directory, new HashSet<string>(files.ListDirectory(directory), StringComparer.Ordinal)))];
    }

    public RootedFileSystem Files { get; }

    /// <summary>Every (directory, entry name) pair, in priority order and, within a directory, by name.</summary>
    public IEnumerable<(string Directory, string Name)> Entries =>
        _listings.SelectMany(listing => listing.Names.Order(StringComparer.Ordinal).Select(name => (listing.Directory, name)));

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
    public bool IsSearchDirectory(string directory)
    {
        _resolvedDirectories ??= new HashSet<string>(Directories.Select(Files.ResolveLinks), StringComparer.Ordinal);
        return _resolvedDirectories.Contains(directory);
    }
}
