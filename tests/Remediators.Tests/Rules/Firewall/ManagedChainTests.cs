using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed class ManagedChainTests
{
    private static readonly FirewallOptions Defaults = FirewallOptions.For(Platform.RedHat);

    [Fact]
    public void For_Defaults_ReturnsEveryoneToInputAndDropsLocalOnlyPorts()
    {
        var chain = ManagedChain.For(Defaults, IptablesFamily.Of(Defaults)[0]);

        Assert.Equal(
            [
                "-i lo -j RETURN",
                "-p tcp -m multiport --dports 80,443 -j RETURN",
                "-p tcp -m multiport --dports 80,443 -j DROP",
                "-p tcp -m multiport --dports 11211,3306 -j DROP",
                "-p udp -m multiport --dports 11211,3306 -j DROP",
            ],
            chain.RuleSpecs.AsEnumerable());
        Assert.Equal("CLOUDSHARK-HARDENING", chain.Name);
    }

    [Fact]
    public void For_RangesOfBothFamilies_EachFamilyGetsOnlyItsOwn()
    {
        var options = Defaults with { SourceRanges = [SourceRange.Parse("10.1.0.0/16"), SourceRange.Parse("2001:db8::/32"), SourceRange.Parse("192.0.2.7")] };
        var (v4, v6) = (ManagedChain.For(options, IptablesFamily.Of(options)[0]), ManagedChain.For(options, IptablesFamily.Of(options)[1]));

        Assert.Equal(
            ["-s 10.1.0.0/16 -p tcp -m multiport --dports 80,443 -j RETURN", "-s 192.0.2.7/32 -p tcp -m multiport --dports 80,443 -j RETURN"],
            v4.RuleSpecs.Where(spec => spec.StartsWith("-s", StringComparison.Ordinal)));
        Assert.Equal(["-s 2001:db8::/32 -p tcp -m multiport --dports 80,443 -j RETURN"], v6.RuleSpecs.Where(spec => spec.StartsWith("-s", StringComparison.Ordinal)));
    }

    [Fact]
    public void For_NoIPv6Range_ClosesThePublicPortsOverIPv6ButLoopback()
    {
        var options = Defaults with { SourceRanges = [SourceRange.Parse("10.1.0.0/16")] };

        var v6 = ManagedChain.For(options, IptablesFamily.Of(options)[1]);

        Assert.Equal("-i lo -j RETURN", v6.RuleSpecs[0]);
        Assert.Equal("-p tcp -m multiport --dports 80,443 -j DROP", v6.RuleSpecs[1]);
        Assert.DoesNotContain(v6.RuleSpecs, spec => spec.EndsWith("80,443 -j RETURN", StringComparison.Ordinal));
    }

    [Fact]
    public void For_NoPorts_LeavesOnlyTheLoopbackReturn()
    {
        var options = Defaults with { PublicPorts = [], LocalOnlyPorts = [] };

        Assert.Equal(["-i lo -j RETURN"], ManagedChain.For(options, IptablesFamily.Of(options)[0]).RuleSpecs.AsEnumerable());
    }

    [Fact]
    public void Text_IsDeclarationJumpAndRulesAsIptablesSavePrintsThem()
    {
        var chain = ManagedChain.For(Defaults with { PublicPorts = [443], LocalOnlyPorts = [] }, IptablesFamily.Of(Defaults)[0]);

        Assert.Equal(
            ":CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -j CLOUDSHARK-HARDENING\n-A CLOUDSHARK-HARDENING -i lo -j RETURN\n"
            + "-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 443 -j RETURN\n-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 443 -j DROP\n",
            chain.Text());
    }

    [Fact]
    public void For_NeverMatchesAnythingButLoopbackAndTheConfiguredPorts()
    {
        var options = Defaults with { SourceRanges = [SourceRange.Parse("10.1.0.0/16")] };

        foreach (var family in IptablesFamily.Of(options))
        {
            // Every DROP names its ports: SSH, or any port not configured, cannot be caught.
            Assert.All(ManagedChain.For(options, family).RuleSpecs.Where(spec => spec.EndsWith("-j DROP", StringComparison.Ordinal)), spec => Assert.Contains("--dports ", spec, StringComparison.Ordinal));
            Assert.DoesNotContain(ManagedChain.For(options, family).RuleSpecs, spec => spec.Contains("ACCEPT", StringComparison.Ordinal));
        }
    }
}
