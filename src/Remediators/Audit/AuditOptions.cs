using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Audit;

/// <summary>What the audit compares the appliance against; the config layer validates every value.</summary>
/// <param name="AllowedTcpPorts">TCP ports meant to face the network (ssh, the web front end).</param>
/// <param name="AllowedUdpPorts">UDP ports meant to face the network (DHCP clients by default).</param>
/// <param name="Accounts">Accounts checked for the shipped password.</param>
/// <param name="UpdateCheckTimeout">How long the package manager may take before the answer is "unknown".</param>
/// <param name="UpdateCacheTime">How long a package manager's answer is reused, so a daemon does not run it every pass.</param>
/// <param name="AgentUnit">The agent's own systemd unit, which should be enabled.</param>
public sealed record AuditOptions(
    ImmutableArray<int> AllowedTcpPorts,
    ImmutableArray<int> AllowedUdpPorts,
    ImmutableArray<string> Accounts,
    TimeSpan UpdateCheckTimeout,
    TimeSpan UpdateCacheTime,
    string AgentUnit)
{
    /// <summary>ssh and the web front end; DHCP client ports (68, 546); cloudshark and root; 2 minutes; 6 hours.</summary>
    public static AuditOptions Default { get; } = new(
        [22, 80, 443],
        [68, 546],
        ["cloudshark", "root"],
        TimeSpan.FromMinutes(2),
        TimeSpan.FromHours(6),
        "cloudshark-hardening.service");
}
