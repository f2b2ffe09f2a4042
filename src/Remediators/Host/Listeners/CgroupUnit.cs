namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// The systemd system unit a process belongs to, read from <c>/proc/PID/cgroup</c>: lines of
/// <c>hierarchy-id:controllers:path</c>, where systemd's own tree is the unified hierarchy
/// (<c>0::/system.slice/memcached.service</c>) or, on cgroup v1, <c>N:name=systemd:/...</c>.
/// </summary>
internal static class CgroupUnit
{
    private const string UnifiedHierarchyId = "0";
    private const string SystemdNamedHierarchy = "name=systemd";
    private const string SliceSuffix = ".slice";
    private static readonly string[] UnitSuffixes = [".service", ".socket", ".scope"];

    /// <summary>
    /// The unit, or <c>null</c> when neither hierarchy places the process in one. The unified
    /// hierarchy wins; a hybrid host has both, and a v1 host shows "0::/" with no unit in it.
    /// <paramref name="managerCgroupFile"/> is PID 1's own file: in a container that sees the
    /// host's tree (no cgroup namespace), systemd's units lie below PID 1's cgroup, and
    /// systemd itself reads unit paths relative to it (cg_get_root_path: PID 1's path less
    /// "/init.scope").
    /// </summary>
    public static string? From(string cgroupFile, string? managerCgroupFile = null)
    {
        var (unified, named) = Paths(cgroupFile);
        var (unifiedRoot, namedRoot) = managerCgroupFile is null ? ("/", "/") : Paths(managerCgroupFile);
        return SystemUnitIn(unified, ManagerRoot(unifiedRoot)) ?? SystemUnitIn(named, ManagerRoot(namedRoot));
    }

    private static (string? Unified, string? Named) Paths(string cgroupFile)
    {
        string? unified = null;
        string? named = null;
        foreach (var line in cgroupFile.Split('\n'))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            if (parts[0] == UnifiedHierarchyId && parts[1].Length == 0)
            {
                unified = parts[2];
            }
            else if (parts[1].Split(',').Contains(SystemdNamedHierarchy, StringComparer.Ordinal))
            {
                named = parts[2];
            }
        }

        return (unified, named);
    }

    private static string ManagerRoot(string? pid1Path)
    {
        var root = pid1Path is null || !pid1Path.StartsWith('/') ? "/" : pid1Path;
        root = root.EndsWith("/init.scope", StringComparison.Ordinal) ? root[..^"/init.scope".Length] : root;
        return root.Length == 0 ? "/" : root;
    }

    /// <summary>
    /// systemd's own reading (<c>sd_pid_get_unit</c>): below the root come slices, and the first
    /// component that is not a slice is the system unit; whatever lies below it is that unit's
    /// (a service's own sub-cgroups, or a user manager's whole tree). Only PID 1 creates cgroups
    /// down to that level, while below a delegated unit (<c>user@1000.service</c>) a user names
    /// anything: <c>.../user@1000.service/app.slice/memcached.service</c> is the user's manager,
    /// never the system's memcached, so the unit is found by its position, not by its name.
    /// </summary>
    private static string? SystemUnitIn(string? path, string managerRoot)
    {
        if (path is null || !path.StartsWith('/'))
        {
            return null;
        }

        if (managerRoot != "/")
        {
            if (!path.StartsWith(managerRoot + "/", StringComparison.Ordinal))
            {
                return null; // outside the manager's tree: not one of its units
            }

            path = path[managerRoot.Length..];
        }

        foreach (var component in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // systemd prefixes a name that would clash with the kernel's own files with '_'.
            var name = component.StartsWith('_') ? component[1..] : component;
            if (!name.EndsWith(SliceSuffix, StringComparison.Ordinal))
            {
                return UnitSuffixes.Any(suffix => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal)) ? name : null;
            }
        }

        return null;
    }
}
