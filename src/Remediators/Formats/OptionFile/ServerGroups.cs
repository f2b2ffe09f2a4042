using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// The option groups the MariaDB server reads. No group outranks another: within them the
/// last occurrence of an option wins. Other groups (<c>client</c>, <c>mysqld_safe</c>,
/// <c>mysql</c>, <c>embedded</c>...) do not configure the server.
/// </summary>
public static partial class ServerGroups
{
    private static readonly FrozenSet<string> Unversioned = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "mysqld", "server", "mariadb", "mariadbd", "client-server", "galera");

    /// <summary>
    /// True for a group the server reads. Versioned groups count whatever their version:
    /// the agent does not know which server version is installed.
    /// </summary>
    public static bool IsReadByServer(string group) =>
        Unversioned.Contains(group) || VersionedGroup().IsMatch(group);

    [GeneratedRegex(@"^(mysqld|mariadb|mariadbd)-[0-9]+\.[0-9]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionedGroup();
}
