using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// Settings of the <c>firewall</c> rule. The config layer guarantees valid, distinct ports
/// (at most 15 per list, the multiport match's limit), neither list holding 22, and no port
/// in both lists.
/// </summary>
/// <param name="Backend">Whether to stand aside when firewalld runs.</param>
/// <param name="SourceRanges">Who may reach <paramref name="PublicPorts"/>; IPv4 ranges go to iptables, IPv6 ranges to ip6tables. A family with none is closed to everyone but loopback.</param>
/// <param name="PublicPorts">TCP ports open to <paramref name="SourceRanges"/> only.</param>
/// <param name="LocalOnlyPorts">TCP and UDP ports dropped on every interface but loopback.</param>
/// <param name="SavedRulesV4">The file the boot loader restores IPv4 rules from.</param>
/// <param name="SavedRulesV6">The file the boot loader restores IPv6 rules from.</param>
public sealed record FirewallOptions(
    FirewallBackendChoice Backend,
    ImmutableArray<SourceRange> SourceRanges,
    ImmutableArray<int> PublicPorts,
    ImmutableArray<int> LocalOnlyPorts,
    string SavedRulesV4,
    string SavedRulesV6)
{
    /// <summary>The chain the agent owns in the filter table of each family.</summary>
    public const string ChainName = "CLOUDSHARK-HARDENING";

    /// <summary>Where iptables, iptables-save and iptables-restore (and the ip6tables ones) are.</summary>
    public string ProgramDirectory { get; init; } = "/usr/sbin";

    /// <summary>Everyone may reach 80 and 443; 11211 (memcached) and 3306 (MariaDB) stay on loopback.</summary>
    public static FirewallOptions For(Platform platform)
    {
        var (savedV4, savedV6) = platform switch
        {
            Platform.RedHat => ("/etc/sysconfig/iptables", "/etc/sysconfig/ip6tables"),
            Platform.Debian => ("/etc/iptables/rules.v4", "/etc/iptables/rules.v6"),
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "no firewall defaults for this platform"),
        };
        return new(FirewallBackendChoice.Auto, [SourceRange.Parse("0.0.0.0/0"), SourceRange.Parse("::/0")], [80, 443], [11211, 3306], savedV4, savedV6);
    }

    /// <summary>Equal when every setting is equal, lists compared item by item (config reloads compare options).</summary>
    public bool Equals(FirewallOptions? other) =>
        other is not null
        && Backend == other.Backend
        && SourceRanges.SequenceEqual(other.SourceRanges)
        && PublicPorts.SequenceEqual(other.PublicPorts)
        && LocalOnlyPorts.SequenceEqual(other.LocalOnlyPorts)
        && SavedRulesV4 == other.SavedRulesV4
        && SavedRulesV6 == other.SavedRulesV6
        && ProgramDirectory == other.ProgramDirectory;

    public override int GetHashCode() =>
        HashCode.Combine(Backend, SourceRanges.Length, PublicPorts.Length, LocalOnlyPorts.Length, SavedRulesV4, SavedRulesV6, ProgramDirectory);
}
