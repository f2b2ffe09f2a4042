using CloudSharkHardening.Remediators.Audit.Firewall;

namespace CloudSharkHardening.Remediators.Tests.Audit.Firewall;

public sealed class IptablesRulesetTests
{
    [Fact]
    public void Parse_CapturedChainRules_ReadsChainsPoliciesAndRulesInOrder()
    {
        var ruleset = IptablesRuleset.Parse(IptablesFixtures.Captured("cloudshark-chain.v4"));

        Assert.True(ruleset.HasFilterTable);
        Assert.Equal("ACCEPT", ruleset.Policy("INPUT"));
        Assert.Equal("-", ruleset.Policy("CLOUDSHARK-INPUT"));
        Assert.Equal(3, ruleset.Rules("INPUT").Count);
        Assert.Equal(["ACCEPT", "ACCEPT", "DROP"], ruleset.Rules("CLOUDSHARK-INPUT").Select(r => r.Spec.Target));
        Assert.True(ruleset.HasChain("CLOUDSHARK-INPUT"));
        Assert.False(ruleset.HasChain("ACCEPT"));
    }

    [Fact]
    public void Parse_QuotedCommentAndNegation_KeepsBothAndLeavesTargetOptionsOut()
    {
        var rule = IptablesRuleset.Parse(IptablesFixtures.Captured("cloudshark-chain.v4")).Rules("INPUT")[1];

        Assert.Equal(
            [("-i", "lo", true), ("-p", "tcp", false), ("-m", "multiport", false), ("--dports", "3306,11211", false), ("-m", "comment", false), ("--comment", "cloudshark-hardening: local only", false)],
            rule.Spec.Matches.Select(m => (m.Name, m.Value, m.Negated)));
        Assert.Equal("DROP", rule.Spec.Target);
    }

    [Fact]
    public void Parse_TargetOptions_AreNotMatches()
    {
        var rule = IptablesRuleset.Parse(IptablesFixtures.Captured("el-default.v4")).Rules("INPUT")[4];

        Assert.Empty(rule.Spec.Matches);
        Assert.Equal("REJECT", rule.Spec.Target);
    }

    [Fact]
    public void Parse_CountersAndEscapedQuotes_AreRead()
    {
        var ruleset = IptablesRuleset.Parse("*filter\n:INPUT DROP [12:3400]\n[5:300] -A INPUT -p tcp -m comment --comment \"say \\\"hi\\\"\" -j ACCEPT\nCOMMIT\n");

        var rule = Assert.Single(ruleset.Rules("INPUT"));
        Assert.Equal("say \"hi\"", rule.Spec.Matches[^1].Value);
        Assert.Equal("DROP", ruleset.Policy("INPUT"));
    }

    [Fact]
    public void Parse_OtherTablesAndNoise_AreIgnored()
    {
        var ruleset = IptablesRuleset.Parse("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1\nCOMMIT\n# Warning: iptables-legacy tables present\n");

        Assert.False(ruleset.HasFilterTable);
        Assert.Empty(ruleset.Rules("PREROUTING"));
    }
}
