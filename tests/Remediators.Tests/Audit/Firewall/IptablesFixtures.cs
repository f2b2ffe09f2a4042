namespace CloudSharkHardening.Remediators.Tests.Audit.Firewall;

/// <summary>iptables-save output captured from real rule sets (Fixtures/iptables/capture.sh).</summary>
internal static class IptablesFixtures
{
    public static string Captured(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "iptables", "captured", name));
}
