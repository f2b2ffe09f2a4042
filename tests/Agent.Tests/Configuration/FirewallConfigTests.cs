using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Configuration;

public sealed class FirewallConfigTests
{
    [Fact]
    public void Load_NoFile_EnforcesTheDocumentedFirewallDefaults()
    {
        using var tree = TempTree.FromSample();

        var firewall = ConfigLoader.Load(tree.Files, explicitPath: null).Firewall;

        Assert.Equal(RuleMode.Enforce, firewall.Mode);
        Assert.Equal(FirewallBackendChoice.Auto, firewall.Options.Backend);
        Assert.Equal(["0.0.0.0/0", "::/0"], firewall.Options.SourceRanges.Select(r => r.ToString()));
        Assert.Equal([80, 443], firewall.Options.PublicPorts.AsEnumerable());
        Assert.Equal([11211, 3306], firewall.Options.LocalOnlyPorts.AsEnumerable());
        Assert.Equal(("/etc/sysconfig/iptables", "/etc/sysconfig/ip6tables"), (firewall.Options.SavedRulesV4, firewall.Options.SavedRulesV6));
    }

    [Fact]
    public void Parse_Debian_SavesWhereIptablesPersistentRestores()
    {
        using var tree = TempTree.FromSample();

        var options = ConfigLoader.Parse("{\"platform\": \"debian\"}", "t", tree.Files).Firewall.Options;

        Assert.Equal(("/etc/iptables/rules.v4", "/etc/iptables/rules.v6"), (options.SavedRulesV4, options.SavedRulesV6));
    }

    [Fact]
    public void Parse_EverySetting_IsRead()
    {
        using var tree = TempTree.FromSample();
        const string text = """
            { "rules": { "firewall": {
                "mode": "audit", "backend": "iptables",
                "sourceRanges": ["10.213.0.0/24", "fd00:c5:213::2"],
                "publicPorts": [443], "localOnlyPorts": [],
                "savedRulesV4": "/etc/iptables/rules.v4", "savedRulesV6": "/etc/iptables/rules.v6" } } }
            """;

        var firewall = ConfigLoader.Parse(text, "t", tree.Files).Firewall;

        Assert.Equal(RuleMode.Audit, firewall.Mode);
        Assert.Equal(
            FirewallOptions.For(Platform.Debian) with
            {
                Backend = FirewallBackendChoice.Iptables,
                SourceRanges = [SourceRange.Parse("10.213.0.0/24"), SourceRange.Parse("fd00:c5:213::2/128")],
                PublicPorts = [443],
                LocalOnlyPorts = [],
            },
            firewall.Options);
    }

    [Fact]
    public void Parse_FirewallMistakes_AreAllReportedWithTheirFields()
    {
        using var tree = TempTree.FromSample();
        const string text = """
            { "rules": { "firewall": {
                "backend": "firewalld",
                "sourceRanges": ["10.1.2.3/16", "10.0.0.0/8", "2001:db8::/129", 5],
                "publicPorts": [80, 22, 80, 70000, 443],
                "localOnlyPorts": [443, 3306],
                "savedRulesV4": "relative/path",
                "persist": true } } }
            """;

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text, "hardening.json", tree.Files));

        Assert.Equal(
            [
                "rules.firewall.backend: 'firewalld' is not one of auto (stand aside while firewalld runs), iptables",
                "rules.firewall.localOnlyPorts: 443 is also in publicPorts; a port is either reachable from the source ranges or local only",
                "rules.firewall.persist: unknown setting",
                "rules.firewall.publicPorts[1]: 22 is SSH, which the firewall rule never touches so that it can never lock an administrator out",
                "rules.firewall.publicPorts[2]: 80 is listed twice",
                "rules.firewall.publicPorts[3]: must be a whole number from 1 to 65535, not 70000",
                "rules.firewall.savedRulesV4: 'relative/path' is not an absolute path",
                "rules.firewall.sourceRanges[0]: '10.1.2.3/16' has address bits set beyond its /16 prefix; the network is 10.1.0.0/16",
                "rules.firewall.sourceRanges[2]: '2001:db8::/129' has no valid prefix length (0 to 128) after the /",
                "rules.firewall.sourceRanges[3]: must be a string, not 5",
            ],
            error.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_SixteenPorts_IsMoreThanMultiportTakes()
    {
        using var tree = TempTree.FromSample();
        var ports = string.Join(", ", Enumerable.Range(8000, 16));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"{{ \"rules\": {{ \"firewall\": {{ \"publicPorts\": [{ports}] }} }} }}", "t", tree.Files));

        Assert.Equal("rules.firewall.publicPorts: lists 16 ports; iptables' multiport match takes at most 15", Assert.Single(error.Errors).ToString());
    }
}
