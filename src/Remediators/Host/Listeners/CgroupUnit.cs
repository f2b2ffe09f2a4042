namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// The systemd unit a process belongs to, read from <c>/proc/PID/cgroup</c>: lines of
/// <c>hierarchy-id:controllers:path</c>, where systemd's own tree is the unified hierarchy
/// (<c>0::/system.slice/memcached.service</c>) or, on cgroup v1, <c>N:name=systemd:/...</c>.
/// </summary>
internal static class CgroupUnit
{
    private const string UnifiedHierarchyId = "0";
    private const string SystemdNamedHierarchy = "name=systemd";
    private static readonly string[] UnitSuffixes = [".service", ".socket", ".scope"];

    /// <summary>
    /// The unit, or <c>null</c> when neither hierarchy places the process in one. The unified
    /// hierarchy wins; a hybrid host has both, and a v1 host shows "0::/" with no unit in it.
    /// </summary>
    public static string? From(string cgroupFile)
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
                unified = UnitIn(parts[2]);
            }
            else if (parts[1].Split(',').Contains(SystemdNamedHierarchy, StringComparer.Ordinal))
            {
                named = UnitIn(parts[2]);
            }
        }

        return unified ?? named;
    }

    /// <summary>
    /// The innermost unit on the path: a service that made cgroups of its own
    /// (<c>/system.slice/x.service/worker</c>) is still that service.
    /// </summary>
    private static string? UnitIn(string path) =>
        path.Split('/').LastOrDefault(part => UnitSuffixes.Any(suffix => part.Length > suffix.Length && part.EndsWith(suffix, StringComparison.Ordinal)));
}
