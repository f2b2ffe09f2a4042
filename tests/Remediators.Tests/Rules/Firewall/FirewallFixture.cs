namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

/// <summary>The files under Fixtures/firewall: EL's saved rules and what real iptables printed (see its README).</summary>
internal static class FirewallFixture
{
    public const string ElIptables = "el-sysconfig-iptables";
    public const string ElIp6tables = "el-sysconfig-ip6tables";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "firewall", name));
}
