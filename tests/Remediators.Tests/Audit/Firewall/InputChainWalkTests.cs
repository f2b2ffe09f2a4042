using CloudSharkHardening.Remediators.Audit.Firewall;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Tests.Audit.Firewall;

public sealed class InputChainWalkTests
{
    [Theory]
    [InlineData("cloudshark-chain.v4", Transport.Tcp, 80, FilterState.Restricted)]
    [InlineData("cloudshark-chain.v4", Transport.Tcp, 443, FilterState.Restricted)]
    [InlineData("cloudshark-chain.v4", Transport.Tcp, 3306, FilterState.Dropped)]
    [InlineData("cloudshark-chain.v4", Transport.Tcp, 11211, FilterState.Dropped)]
    [InlineData("cloudshark-chain.v4", Transport.Udp, 11211, FilterState.Dropped)]
    [InlineData("cloudshark-chain.v4", Transport.Udp, 3306, FilterState.Open)]
    [InlineData("cloudshark-chain.v4", Transport.Tcp, 4444, FilterState.Open)]
    [InlineData("el-default.v4", Transport.Tcp, 22, FilterState.Open)]
    [InlineData("el-default.v4", Transport.Tcp, 3306, FilterState.Dropped)]
    [InlineData("el-default.v4", Transport.Udp, 11211, FilterState.Dropped)]
    [InlineData("empty.v4", Transport.Tcp, 3306, FilterState.Open)]
    [InlineData("empty.v6", Transport.Udp, 11211, FilterState.Open)]
    [InlineData("policy-drop.v6", Transport.Tcp, 22, FilterState.Open)]
    [InlineData("policy-drop.v6", Transport.Tcp, 3306, FilterState.Dropped)]
    [InlineData("policy-drop.v6", Transport.Tcp, 11211, FilterState.Restricted)]
    [InlineData("policy-drop.v6", Transport.Udp, 1500, FilterState.Dropped)]
    [InlineData("policy-drop.v6", Transport.Tcp, 4444, FilterState.Dropped)]
    public void Judge_CapturedRules_FollowsTheChainsToTheVerdict(string fixture, Transport transport, int port, FilterState expected)
    {
        var walk = new InputChainWalk(IptablesRuleset.Parse(IptablesFixtures.Captured(fixture)), "iptables-save");

        Assert.Equal(expected, walk.Judge(transport, port).State);
    }

    [Fact]
    public void Judge_Reasons_NameTheDecidingRuleOrPolicy()
    {
        var chain = new InputChainWalk(IptablesRuleset.Parse(IptablesFixtures.Captured("cloudshark-chain.v4")), "iptables-save");
        var defaults = new InputChainWalk(IptablesRuleset.Parse(IptablesFixtures.Captured("el-default.v4")), "iptables-save");

        Assert.Equal("iptables-save: accepted by INPUT policy ACCEPT", chain.Judge(Transport.Tcp, 4444).Reason);
        Assert.Equal("iptables-save: some sources accepted by '-A CLOUDSHARK-INPUT -s 10.1.0.0/16 -j ACCEPT', the rest dropped by '-A CLOUDSHARK-INPUT -j DROP'", chain.Judge(Transport.Tcp, 443).Reason);
        Assert.Equal("iptables-save: dropped by '-A INPUT -j REJECT --reject-with icmp-host-prohibited'", defaults.Judge(Transport.Tcp, 3306).Reason);
    }

    [Fact]
    public void Judge_NoFilterTableAtAll_IsOpen()
    {
        var verdict = new InputChainWalk(IptablesRuleset.Parse(""), "iptables-save").Judge(Transport.Tcp, 3306);

        Assert.Equal(FilterState.Open, verdict.State);
        Assert.Contains("no filter table", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-A INPUT -p tcp -m tcp ! --dport 22 -j DROP", 22, FilterState.Open)]
    [InlineData("-A INPUT -p tcp -m tcp ! --dport 22 -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p tcp -m tcp --dport 3000:4000 -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p tcp -m tcp --dport 3307: -j DROP", 3306, FilterState.Open)]
    [InlineData("-A INPUT -i eth0 -p tcp -j DROP", 3306, FilterState.Open)]
    [InlineData("-A INPUT -s 127.0.0.0/8 -j ACCEPT\n-A INPUT -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT ! -s 127.0.0.0/8 -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p tcp --tcp-flags SYN,ACK SYN -j ACCEPT\n-A INPUT -j DROP", 3306, FilterState.Restricted)]
    [InlineData("-A INPUT -p tcp -j NFQUEUE --queue-num 1\n-A INPUT -j DROP", 3306, FilterState.Open)]
    [InlineData("-A INPUT -p tcp -m tcp --dport mysql -j DROP", 3306, FilterState.Open)]
    [InlineData("-A INPUT -m addrtype --dst-type BROADCAST -p udp -j DROP", 11211, FilterState.Open)]
    [InlineData("-A INPUT -m addrtype --dst-type LOCAL -p udp -j DROP", 11211, FilterState.Dropped)]
    [InlineData("-A INPUT -m addrtype --dst-type LOCAL -p tcp -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p tcp -m tcp --syn -j REJECT", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p sctp -j ACCEPT\n-A INPUT -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p tcp -m tcp --dport ! 22 -j DROP", 22, FilterState.Open)]
    [InlineData("-A INPUT -p tcp -m tcp --dport ! 22 -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -s ! 127.0.0.0/8 -j DROP", 3306, FilterState.Dropped)]
    [InlineData("-A INPUT -p tcp -m comment --comment \"x -j DROP\" -j ACCEPT\n-A INPUT -j DROP", 3306, FilterState.Open)]
    [InlineData("-A INPUT -p tcp -m comment --comment -j -j DROP", 3306, FilterState.Dropped)]
    public void Judge_SingleRules_ClassifiedConservatively(string rules, int port, FilterState expected)
    {
        var walk = new InputChainWalk(IptablesRuleset.Parse($"*filter\n:INPUT ACCEPT [0:0]\n{rules}\nCOMMIT\n"), "iptables-save");

        Assert.Equal(expected, walk.Judge(port == 11211 ? Transport.Udp : Transport.Tcp, port).State);
    }

    [Fact]
    public void Judge_CommentWithALineBreak_IsUnknownNotTheRulesItLooksLike()
    {
        var walk = new InputChainWalk(IptablesRuleset.Parse("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"x\n-A INPUT -j DROP\n\" -j LOG\nCOMMIT\n"), "iptables-save");

        var verdict = walk.Judge(Transport.Tcp, 3306);

        Assert.Equal(FilterState.Unknown, verdict.State);
        Assert.Contains("holds a line break", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_GotoChainThatReturns_ReturnsPastTheCaller()
    {
        // The goto's RETURN skips the rest of INPUT (the DROP) and lands on INPUT's policy.
        var walk = new InputChainWalk(IptablesRuleset.Parse("*filter\n:INPUT ACCEPT [0:0]\n:SKIP - [0:0]\n-A INPUT -p tcp -g SKIP\n-A INPUT -j DROP\n-A SKIP -j RETURN\nCOMMIT\n"), "iptables-save");

        Assert.Equal(FilterState.Open, walk.Judge(Transport.Tcp, 3306).State);
        Assert.Equal(FilterState.Dropped, walk.Judge(Transport.Udp, 3306).State);
    }

    [Fact]
    public void Judge_ChainsThatLoop_ThrowInsteadOfRecursingForever()
    {
        var walk = new InputChainWalk(IptablesRuleset.Parse("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n-A INPUT -j A\n-A A -j A\nCOMMIT\n"), "iptables-save");

        Assert.Throws<HardeningException>(() => walk.Judge(Transport.Tcp, 3306));
    }
}
