namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>How the daemon learns that the running kernel's rules changed under the firewall rule.</summary>
public enum KernelRulesWatch
{
    /// <summary>No need: the rule stands aside (firewalld), or the root is an image without a running kernel.</summary>
    None,

    /// <summary>iptables is the nf_tables variant in every family: the kernel announces each change over netlink.</summary>
    NfTablesNotifications,

    /// <summary>A family's iptables is the legacy backend, which announces nothing: the kernel's rules are polled.</summary>
    Poll,
}
