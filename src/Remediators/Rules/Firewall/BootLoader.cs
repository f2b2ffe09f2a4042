using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// The distribution's service that restores a saved rules file at boot: EL's iptables-services
/// (<c>iptables.service</c> reads /etc/sysconfig/iptables) or Debian's iptables-persistent
/// (<c>netfilter-persistent.service</c> with its plugins reads /etc/iptables/rules.v4 and .v6).
/// Without one, the chain is lost at the next reboot, which the report must say.
/// </summary>
/// <param name="SavedRules">The file the loader reads.</param>
/// <param name="Unit">The unit that must be installed and enabled.</param>
/// <param name="Plugin">A file that must also exist for the unit to read <paramref name="SavedRules"/>, if any.</param>
/// <param name="Package">What to install when it is missing.</param>
internal sealed record BootLoader(string SavedRules, string Unit, string? Plugin, string Package)
{
    private static readonly BootLoader[] Known =
    [
        new("/etc/sysconfig/iptables", "iptables.service", null, "iptables-services"),
        new("/etc/sysconfig/ip6tables", "ip6tables.service", null, "iptables-services"),
        new("/etc/iptables/rules.v4", "netfilter-persistent.service", "/usr/share/netfilter-persistent/plugins.d/15-ip4tables", "iptables-persistent"),
        new("/etc/iptables/rules.v6", "netfilter-persistent.service", "/usr/share/netfilter-persistent/plugins.d/25-ip6tables", "iptables-persistent"),
    ];

    /// <summary>Null when a service restores <paramref name="savedRules"/> at boot; otherwise why not, for the report.</summary>
    public static string? Problem(RootedFileSystem files, string savedRules)
    {
        var loader = Known.FirstOrDefault(known => known.SavedRules == savedRules);
        if (loader is null)
        {
            return $"the agent knows no service that restores {savedRules} at boot; unless something does, the chain is lost at the next reboot";
        }

        if (!UnitFiles.IsInstalled(files, loader.Unit) || (loader.Plugin is { } plugin && !files.Stat(plugin).Exists))
        {
            return $"nothing restores {savedRules} at boot ({loader.Unit} from {loader.Package} is not installed): the chain is lost at the next reboot";
        }

        return UnitFiles.IsEnabled(files, loader.Unit)
            ? null
            : $"{loader.Unit} is not enabled, so {savedRules} is not restored at boot: the chain is lost at the next reboot (systemctl enable {loader.Unit})";
    }
}
