namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>Which firewall the rule manages.</summary>
public enum FirewallBackendChoice
{
    /// <summary>iptables, unless firewalld runs: then firewalld owns the firewall and the rule stands aside.</summary>
    Auto,

    /// <summary>iptables even while firewalld runs (the administrator chose to have both).</summary>
    Iptables,
}
