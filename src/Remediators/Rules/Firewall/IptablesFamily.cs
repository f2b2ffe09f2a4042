namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// One address family as iptables splits them: its tools (<c>iptables</c> or <c>ip6tables</c>,
/// with their <c>-save</c> and <c>-restore</c>) and the file its rules are restored from at boot.
/// </summary>
/// <param name="Label">"IPv4" or "IPv6", for reports.</param>
/// <param name="Tool">The tool's name: <c>iptables</c> or <c>ip6tables</c>.</param>
/// <param name="ProgramDirectory">Where the tools are installed.</param>
/// <param name="SavedRules">The file the boot loader restores this family's rules from.</param>
public sealed record IptablesFamily(string Label, string Tool, string ProgramDirectory, string SavedRules)
{
    public bool IsIPv6 => Tool == "ip6tables";

    /// <summary><c>/usr/sbin/iptables</c>: asked for its version, which names the backend.</summary>
    public string Main => Path.Combine(ProgramDirectory, Tool);

    public string Save => Main + "-save";

    public string Restore => Main + "-restore";

    /// <summary>Both families of <paramref name="options"/>, IPv4 first.</summary>
    public static IReadOnlyList<IptablesFamily> Of(FirewallOptions options) =>
    [
        new("IPv4", "iptables", options.ProgramDirectory, options.SavedRulesV4),
        new("IPv6", "ip6tables", options.ProgramDirectory, options.SavedRulesV6),
    ];
}
