using System.Globalization;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>Just enough reading of someone else's rule specification to warn about it; never to change it.</summary>
internal static class RuleWords
{
    /// <summary>
    /// True for an ACCEPT that could take a managed port's packets before the agent's chain
    /// sees them: it names one of the ports, or it accepts without any protocol, interface
    /// or connection-state condition (<c>-s 10.0.0.5 -j ACCEPT</c>).
    /// </summary>
    public static bool CouldAccept(string spec, IReadOnlyCollection<int> managedPorts)
    {
        var words = spec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (!Follows(words, "-j", "ACCEPT") && !Follows(words, "--jump", "ACCEPT"))
        {
            return false;
        }

        var ports = words.Zip(words.Skip(1))
            .Where(pair => pair.First is "--dport" or "--dports" or "--destination-port" or "--destination-ports")
            .SelectMany(pair => pair.Second.Split(',', ':'))
            .Select(port => int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1);
        var qualified = words.Any(word => word is "-p" or "--protocol" or "-i" or "--in-interface" or "--state" or "--ctstate");
        return ports.Any(managedPorts.Contains) || !qualified;
    }

    private static bool Follows(string[] words, string option, string value) =>
        words.Zip(words.Skip(1)).Any(pair => pair.First == option && pair.Second == value);
}
