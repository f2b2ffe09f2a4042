using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed class KernelChainViewTests
{
    /// <summary>The options capture.sh loaded: its output proves the agent writes what iptables-save prints.</summary>
    private static readonly FirewallOptions Captured = FirewallOptions.For(Platform.RedHat) with
    {
        SourceRanges = [SourceRange.Parse("10.1.0.0/16"), SourceRange.Parse("192.0.2.7/32"), SourceRange.Parse("2001:db8::/32")],
    };

    [Theory]
    [InlineData("nft-v6.save", true)]
    [InlineData("legacy-v6.save", true)]
    public void Holds_WhatRealIptablesPrintedAfterTheAgentsLoad_IsTheConfiguredChain(string fixture, bool ipv6)
    {
        var chain = ManagedChain.For(Captured, IptablesFamily.Of(Captured)[ipv6 ? 1 : 0]);

        var view = KernelChainView.Read(FirewallFixture.Read(fixture), chain.Name);

        Assert.True(view.Holds(chain));
        Assert.Equal(chain.Text(), view.Text);
        Assert.Empty(view.Above);
    }

    [Theory]
    [InlineData("nft-v4.save")]
    [InlineData("legacy-v4.save")]
    public void Holds_WhatRealIptablesPrintedWithSomeonesAcceptInsertedAboveTheJump_IsFalseNamingIt(string fixture)
    {
        var chain = ManagedChain.For(Captured, IptablesFamily.Of(Captured)[0]);

        var view = KernelChainView.Read(FirewallFixture.Read(fixture), chain.Name);

        Assert.False(view.Holds(chain));
        Assert.Equal(chain.Text(), view.Text);
        Assert.Equal(["-A INPUT -s 198.51.100.9/32 -p tcp -m tcp --dport 443 -j ACCEPT"], view.Above.AsEnumerable());
    }

    [Fact]
    public void Holds_OtherRanges_IsFalse()
    {
        var chain = ManagedChain.For(FirewallOptions.For(Platform.RedHat), IptablesFamily.Of(Captured)[0]);

        var view = KernelChainView.Read(FirewallFixture.Read("nft-v4.save"), chain.Name);

        Assert.True(view.IsDeclared);
        Assert.False(view.Holds(chain));
        Assert.Equal(["-j CLOUDSHARK-HARDENING"], view.Jumps.AsEnumerable());
    }

    [Fact]
    public void Read_ElSampleWithoutTheChain_FindsNothingOfOurs()
    {
        var view = KernelChainView.Read(FirewallFixture.Read(FirewallFixture.ElIptables), FirewallOptions.ChainName);

        Assert.False(view.IsDeclared);
        Assert.Empty(view.Rules);
        Assert.Empty(view.Jumps);
        Assert.Equal("", view.Text);
        Assert.Empty(view.Above);
    }

    [Fact]
    public void Read_OtherTables_AreIgnored()
    {
        var view = KernelChainView.Read("*nat\n:CLOUDSHARK-HARDENING - [0:0]\n-A PREROUTING -j CLOUDSHARK-HARDENING\nCOMMIT\n", FirewallOptions.ChainName);

        Assert.False(view.IsDeclared);
        Assert.Empty(view.Jumps);
    }

    [Theory]
    [InlineData("-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT")]
    [InlineData("-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT")]
    [InlineData("-A INPUT -s 198.51.100.1/32 -j DROP")]
    [InlineData("-A INPUT -j f2b-sshd")]
    [InlineData("-A INPUT -p tcp -m comment --comment \"-j CLOUDSHARK-HARDENING\" -j LOG")]
    public void Read_AnyRuleOfSomeoneElseAboveTheJump_IsAboveAndTheChainDoesNotHold(string rule)
    {
        var chain = ManagedChain.For(Captured, IptablesFamily.Of(Captured)[0]);
        var rules = string.Concat(chain.RuleSpecs.Select(spec => $"-A {chain.Name} {spec}\n"));

        var view = KernelChainView.Read($"*filter\n:INPUT ACCEPT [0:0]\n{chain.Declaration}\n{rule}\n-A INPUT -j {chain.Name}\n-A INPUT -j DROP\n{rules}COMMIT\n", chain.Name);

        Assert.Equal([rule], view.Above.AsEnumerable());
        Assert.False(view.Holds(chain));
        Assert.Equal(chain.Text(), view.Text);
    }

    [Fact]
    public void Read_OldJumpFirstButThePlainJumpBelowSomeonesRule_CountsWhatIsAboveThePlainJump()
    {
        var view = KernelChainView.Read(
            "*filter\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -p tcp -j CLOUDSHARK-HARDENING\n-A INPUT -s 10.0.0.5/32 -j ACCEPT\n-A INPUT -j CLOUDSHARK-HARDENING\nCOMMIT\n",
            FirewallOptions.ChainName);

        Assert.Equal(["-A INPUT -s 10.0.0.5/32 -j ACCEPT"], view.Above.AsEnumerable());
    }

    [Theory]
    [InlineData("\"ssh -j CLOUDSHARK-HARDENING\"")]
    [InlineData("\"-A INPUT -j CLOUDSHARK-HARDENING\"")]
    [InlineData("\"say \\\"-j\\\" CLOUDSHARK-HARDENING \\\\\"")]
    [InlineData("-j")]
    [InlineData("CLOUDSHARK-HARDENING")]
    public void Read_ForeignAcceptWhoseCommentNamesTheJump_IsNeitherOursNorAJump(string comment)
    {
        var ssh = $"-A INPUT -p tcp -m tcp --dport 22 -m comment --comment {comment} -j ACCEPT";
        var chain = ManagedChain.For(Captured, IptablesFamily.Of(Captured)[0]);
        var rules = string.Concat(chain.RuleSpecs.Select(spec => $"-A {chain.Name} {spec}\n"));

        var view = KernelChainView.Read($"*filter\n:INPUT DROP [0:0]\n{chain.Declaration}\n-A INPUT -j {chain.Name}\n{ssh}\n{rules}COMMIT\n", chain.Name);

        Assert.Equal([chain.JumpSpec], view.Jumps.AsEnumerable());
        Assert.True(view.Holds(chain));
        Assert.DoesNotContain("--dport 22", view.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OnlyACommentNamesTheJump_FindsNoJump()
    {
        var view = KernelChainView.Read("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"x -j CLOUDSHARK-HARDENING\" -j ACCEPT\nCOMMIT\n", FirewallOptions.ChainName);

        Assert.Empty(view.Jumps);
        Assert.Equal("", view.Text);
    }

    [Fact]
    public void Read_CommentWithALineBreak_IsRefusedNotGuessed()
    {
        // iptables-save prints a line break inside a comment as it is: the middle line is the comment's text.
        var output = "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"x\n-A INPUT -j CLOUDSHARK-HARDENING\n\" -j ACCEPT\nCOMMIT\n";

        var error = Assert.Throws<HardeningException>(() => KernelChainView.Read(output, FirewallOptions.ChainName));

        Assert.Contains("holds a line break", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }
}
