using System.Globalization;
using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>Just enough reading of someone else's rule to warn about it; never to change it.</summary>
internal static class AcceptBeforeJump
{
    /// <summary>
    /// True for an ACCEPT that could take a managed port's packets before the agent's chain
    /// sees them: it names one of the ports (or, negated, leaves one out), or it accepts
    /// without any protocol, interface or connection-state condition (<c>-s 10.0.0.5 -j ACCEPT</c>).
    /// </summary>
    public static bool CouldTakeManagedPorts(RuleSpec spec, IReadOnlyCollection<int> managedPorts)
    {
        if (spec.Target != "ACCEPT")
        {
            return false;
        }

        var portMatches = spec.Matches.Where(option => option.Name is "--dport" or "--dports" or "--destination-port" or "--destination-ports");
        var named = portMatches.Any(option =>
        {
            var ports = Ports(option.Value).ToHashSet();
            return option.Negated ? managedPorts.Any(port => !ports.Contains(port)) : managedPorts.Any(ports.Contains);
        });
        var qualified = spec.Matches.Any(option => option.Name is "-p" or "--protocol" or "-i" or "--in-interface" or "--state" or "--ctstate");
        return named || !qualified;
    }

    private static IEnumerable<int> Ports(string list) => list.Split(',', ':')
        .Select(port => int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1);
}
