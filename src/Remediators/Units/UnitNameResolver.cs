using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Finds a unit's fragment by name as systemd's unit name map does: the first search
/// directory holding a file or symlink of that name decides. A symlink to <c>/dev/null</c>
/// (or an empty file) masks the unit; a symlink to a file of another name in a search
/// directory is an alias, followed by that name (so an override of the target in /etc still
/// wins); any other symlink is a linked unit file, read through the link.
/// </summary>
internal sealed class UnitNameResolver(UnitSearchPath searchPath)
{
    private const int MaxAliasHops = 8;

    private readonly Dictionary<string, UnitFragment?> _resolved = new(StringComparer.Ordinal);

    /// <summary>What <paramref name="name"/> leads to; <c>null</c> when no search directory has it.</summary>
    public UnitFragment? Resolve(string name) => Resolve(name, hops: 0);

    /// <summary>
    /// What <paramref name="unit"/> leads to, an instance without a file of its own through its
    /// template (an aliased template keeps the instance: foo@x.service through foo@.service →
    /// bar@.service is bar@x.service).
    /// </summary>
    public UnitFragment? ResolveUnit(UnitName unit)
    {
        if (Resolve(unit.Name) is { } own)
        {
            return own;
        }

        return unit.Template is { } template && Resolve(template) is { } fragment
            ? fragment with { Id = UnitName.Parse(fragment.Id).WithInstance(unit.Instance!) }
            : null;
    }

    private UnitFragment? Resolve(string name, int hops)
    {
        if (_resolved.TryGetValue(name, out var known))
        {
            return known;
        }

        if (hops > MaxAliasHops)
        {
            throw new HardeningException($"{name}: unit aliases lead through more than {MaxAliasHops} symlinks; systemd gives up on such a loop too");
        }

        var fragment = Find(name, hops);
        _resolved[name] = fragment;
        return fragment;
    }

    private UnitFragment? Find(string name, int hops)
    {
        var files = searchPath.Files;
        foreach (var directory in searchPath.DirectoriesWith(name))
        {
            var path = AppliancePath.Combine(directory, name);
            var node = files.Stat(path);
            if (node.Kind == FileNodeKind.File)
            {
                return new UnitFragment(name, path, IsMasked: node.Size == 0);
            }

            if (node.Kind != FileNodeKind.Symlink)
            {
                continue; // systemd's name map takes only files and links
            }

            var target = files.ResolveLinks(path);
            if (target == "/dev/null")
            {
                return new UnitFragment(name, path, IsMasked: true);
            }

            var targetName = AppliancePath.FileName(target);
            if (targetName != name && searchPath.IsSearchDirectory(AppliancePath.Parent(target)) && UnitName.TryParse(targetName, out _))
            {
                return Resolve(targetName, hops + 1);
            }

            var reached = files.Stat(target);
            return reached.Exists
                ? new UnitFragment(name, path, IsMasked: reached.Kind == FileNodeKind.File && reached.Size == 0)
                : new UnitFragment(name, null, IsMasked: false); // a dangling link still hides lower directories
        }

        return null;
    }
}
