using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>Tells the distribution family from the appliance's own <c>/etc/os-release</c>.</summary>
public static class PlatformDetector
{
    private static readonly string[] RedHatIds = ["rhel", "centos", "fedora", "rocky", "almalinux", "ol", "amzn"];
    private static readonly string[] DebianIds = ["debian", "ubuntu"];

    /// <summary>The family, or <c>null</c> with the reason when os-release does not say.</summary>
    public static (Platform? Platform, string Evidence) Detect(RootedFileSystem files)
    {
        var osRelease = files.ReadText("/etc/os-release") ?? files.ReadText("/usr/lib/os-release");
        if (osRelease is null)
        {
            return (null, "there is no /etc/os-release");
        }

        var fields = osRelease.Text.Split('\n')
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim().Trim('"', '\''), StringComparer.Ordinal);
        var id = fields.GetValueOrDefault("ID", "");
        var ids = new[] { id }.Concat(fields.GetValueOrDefault("ID_LIKE", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (ids.Any(RedHatIds.Contains))
        {
            return (Platform.RedHat, $"ID={id}");
        }

        return ids.Any(DebianIds.Contains)
            ? (Platform.Debian, $"ID={id}")
            : (null, $"/etc/os-release says ID={id}, which is neither an EL nor a Debian family system");
    }
}
