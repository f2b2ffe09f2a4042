using System.Text.RegularExpressions;

namespace CloudSharkHardening.Remediators.Audit.Updates;

/// <summary>What the package managers print for pending security updates, read into <see cref="PendingUpdate"/>s.</summary>
internal static partial class UpdateListParsers
{
    /// <summary>
    /// <c>dnf updateinfo list --security</c> and <c>yum updateinfo list security</c>: one
    /// line per advisory and package, <c>RHSA-2024:1234 Important/Sec. openssl-1:3.0.7-25.el9.x86_64</c>;
    /// dnf5 prints <c>ID security SEVERITY PACKAGE ISSUED</c>. Anything else (headers,
    /// "Last metadata expiration check", "updateinfo list done") is passed over.
    /// </summary>
    public static IReadOnlyList<PendingUpdate> DnfUpdateInfo(string output)
    {
        var updates = new List<PendingUpdate>();
        foreach (var line in output.Split('\n'))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 3 && words[1].EndsWith("/Sec.", StringComparison.Ordinal))
            {
                updates.Add(new PendingUpdate(words[2], words[0], words[1][..^"/Sec.".Length]));
            }
            else if (words.Length >= 4 && words[1] == "security")
            {
                updates.Add(new PendingUpdate(words[3], words[0], words[2]));
            }
        }

        return updates;
    }

    /// <summary>
    /// <c>apt-get -s upgrade</c>: an <c>Inst PACKAGE [OLD] (NEW ORIGIN[, ORIGIN] [ARCH])</c> line
    /// per upgrade; it is a security update when one of its origins is a security archive
    /// (<c>Debian-Security:12/stable-security</c>, <c>Ubuntu:22.04/jammy-security</c>).
    /// </summary>
    public static IReadOnlyList<PendingUpdate> AptSimulation(string output) =>
        [.. output.Split('\n')
            .Select(line => InstLine().Match(line))
            .Where(match => match.Success && match.Groups["origins"].Value.Contains("security", StringComparison.OrdinalIgnoreCase))
            .Select(match => new PendingUpdate(match.Groups["package"].Value, null, null))];

    [GeneratedRegex(@"^Inst (?<package>\S+) (?:\[[^\]]*\] )?\((?<version>\S+) (?<origins>[^\[\)]*)")]
    private static partial Regex InstLine();
}
