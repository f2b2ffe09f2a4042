using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// The drop-ins systemd applies to a unit (systemd 252's <c>unit_file_find_dropin_paths()</c>):
/// the <c>.d/</c> directories of the unit's name and its aliases in every search directory,
/// each with its template and dash-prefix directories, then the type's own (<c>service.d/</c>).
/// Of files with the same name the one in the directory met first wins (a file in /etc hides
/// its namesake in /usr/lib, a link to <c>/dev/null</c> hides it and adds nothing); all that
/// remain apply in file-name order, whatever directory holds them.
/// </summary>
internal static class DropInFiles
{
    private const string Suffix = ".conf";

    public static ImmutableArray<string> Collect(UnitSearchPath searchPath, UnitNameResolver resolver, UnitName unit)
    {
        var names = new List<string> { unit.Name };
        names.AddRange(Aliases(searchPath, resolver, unit));
        var directories = new List<string>();
        foreach (var name in names)
        {
            var dropInNames = UnitName.Parse(name).DropInNames().ToList();
            foreach (var directory in searchPath.Searched)
            {
                directories.AddRange(dropInNames.Where(dropIn => searchPath.Contains(directory, dropIn + ".d")).Select(dropIn => AppliancePath.Combine(directory, dropIn + ".d")));
            }
        }

        directories.AddRange(searchPath.Searched.Where(directory => searchPath.Contains(directory, unit.Type + ".d")).Select(directory => AppliancePath.Combine(directory, unit.Type + ".d")));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<(string Name, string Path)>();
        foreach (var directory in directories.Distinct(StringComparer.Ordinal))
        {
            foreach (var name in searchPath.Files.ListDirectory(directory))
            {
                if (name.EndsWith(Suffix, StringComparison.Ordinal) && name[0] != '.' && seen.Add(name))
                {
                    var path = AppliancePath.Combine(directory, name);
                    if (HasContent(searchPath.Files, path))
                    {
                        found.Add((name, path));
                    }
                }
            }
        }

        return [.. found.OrderBy(file => file.Name, StringComparer.Ordinal).Select(file => file.Path)];
    }

    /// <summary>Names with a drop-in directory that lead to the unit (<c>mysql.service.d/</c> for mariadb.service).</summary>
    private static IEnumerable<string> Aliases(UnitSearchPath searchPath, UnitNameResolver resolver, UnitName unit) =>
        searchPath.Entries
            .Select(entry => entry.Name)
            .Where(name => name.EndsWith("." + unit.Type + ".d", StringComparison.Ordinal))
            .Select(name => name[..^2])
            .Where(name => name != unit.Name && UnitName.TryParse(name, out _) && resolver.Resolve(name)?.Id == unit.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>A regular file with something in it, directly or through a link: a masking or empty file adds nothing.</summary>
    private static bool HasContent(RootedFileSystem files, string path)
    {
        var node = files.Stat(path);
        if (node.Kind == FileNodeKind.Symlink)
        {
            node = files.Stat(files.ResolveLinks(path));
        }

        return node.Kind == FileNodeKind.File && node.Size > 0;
    }
}
