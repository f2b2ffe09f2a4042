using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Uploads;

/// <summary>Where a symlink's target text points, worked out on the text alone.</summary>
internal static class LinkTarget
{
    /// <summary>
    /// The absolute, normalised path <paramref name="target"/> names when read from a link in
    /// <paramref name="linkDirectory"/>: a relative target starts there, ".." climbs (never
    /// above "/"), and "." and trailing slashes vanish.
    /// </summary>
    public static string Resolve(string linkDirectory, string target)
    {
        var parts = target.StartsWith('/') ? [] : AppliancePath.Split(linkDirectory).ToList();
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return AppliancePath.Join(parts);
    }
}
