using CloudSharkHardening.Remediators.Formats.IptablesSave;
using CloudSharkHardening.Remediators.Tests.Rules.Firewall;

namespace CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;

public sealed class IptablesSaveFileTests
{
    [Theory]
    [InlineData(FirewallFixture.ElIptables)]
    [InlineData(FirewallFixture.ElIp6tables)]
    [InlineData("nft-v4.save")]
    [InlineData("legacy-v6.save")]
    public void Parse_RealFiles_RenderByteForByte(string fixture)
    {
        var text = FirewallFixture.Read(fixture);

        Assert.Equal(text, IptablesSaveFile.Parse(text).Render());
    }

    [Fact]
    public void Parse_ElSample_ClassifiesEveryLine()
    {
        var lines = IptablesSaveFile.Parse(FirewallFixture.Read(FirewallFixture.ElIptables)).Lines;

        Assert.Equal(
            [
                IptablesSaveLineKind.Comment, IptablesSaveLineKind.Comment, IptablesSaveLineKind.Comment, IptablesSaveLineKind.Table,
                IptablesSaveLineKind.Chain, IptablesSaveLineKind.Chain, IptablesSaveLineKind.Chain,
                .. Enumerable.Repeat(IptablesSaveLineKind.Rule, 8), IptablesSaveLineKind.Commit,
            ],
            lines.Select(line => line.Kind));
        Assert.Equal(["INPUT", "FORWARD", "OUTPUT"], lines.Where(l => l.Kind == IptablesSaveLineKind.Chain).Select(l => l.Chain));
        Assert.All(lines.Skip(4), line => Assert.Equal("filter", line.Table));
        Assert.Null(lines[0].Table);
        Assert.Equal("-p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT", lines[10].Rule!.SpecText);
    }

    [Theory]
    [InlineData("[12:3456] -A INPUT -i lo -j ACCEPT", "INPUT", "-i lo -j ACCEPT")]
    [InlineData("-A  INPUT\t-s 10.0.0.1/32  -j DROP ", "INPUT", "-s 10.0.0.1/32  -j DROP")]
    [InlineData("-A f2b-sshd -j RETURN", "f2b-sshd", "-j RETURN")]
    [InlineData("-A EMPTY", "EMPTY", "")]
    public void Parse_RuleLines_SplitChainAndSpecification(string text, string chain, string spec)
    {
        var line = IptablesSaveLine.Parse(text, "filter");

        Assert.Equal(IptablesSaveLineKind.Rule, line.Kind);
        Assert.Equal(chain, line.Chain);
        Assert.Equal(spec, line.Rule!.SpecText);
        Assert.Equal(text, line.Text);
    }

    [Theory]
    [InlineData("-I INPUT 1 -j ACCEPT")]
    [InlineData("-N MYCHAIN")]
    [InlineData("-P INPUT DROP")]
    [InlineData("*")]
    [InlineData("COMMIT now")]
    public void Parse_CommandsSaveNeverPrints_AreKeptAsOther(string text)
    {
        var line = IptablesSaveLine.Parse(text, "filter");

        Assert.Equal(IptablesSaveLineKind.Other, line.Kind);
        Assert.Null(line.Rule);
    }

    [Theory]
    [InlineData("-A INPUT -j CLOUDSHARK-HARDENING", true)]
    [InlineData("-A INPUT -p tcp --jump CLOUDSHARK-HARDENING", true)]
    [InlineData("-A INPUT -g CLOUDSHARK-HARDENING", true)]
    [InlineData("-A INPUT -j CLOUDSHARK-HARDENING-OLD", false)]
    [InlineData("-A INPUT -m comment --comment CLOUDSHARK-HARDENING -j ACCEPT", false)]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"ssh -j CLOUDSHARK-HARDENING x\" -j ACCEPT", false)]
    [InlineData("-A CLOUDSHARK-HARDENING -j RETURN", false)]
    public void SendsTo_OnlyAJumpOrGotoToThatChain(string text, bool expected)
    {
        Assert.Equal(expected, IptablesSaveLine.Parse(text, "filter").Rule!.Spec.SendsTo("CLOUDSHARK-HARDENING"));
    }

    [Fact]
    public void Parse_ChainDeclarations_GiveTheirPolicy()
    {
        var lines = IptablesSaveFile.Parse("*filter\n:INPUT DROP [12:3456]\n:f2b-sshd - [0:0]\n:BARE\nCOMMIT\n").Lines;

        Assert.Equal(["DROP", "-", null], lines.Where(l => l.Kind == IptablesSaveLineKind.Chain).Select(l => l.Policy));
    }

    [Theory]
    [InlineData("-A INPUT -m comment --comment \"two\nlines\" -j ACCEPT", 1)]
    [InlineData("-A INPUT -j ACCEPT\n-A INPUT -m comment --comment \"x\n-A INPUT -j CLOUDSHARK-HARDENING\n\" -j ACCEPT", 2)]
    public void QuoteAcrossLines_IsTheRuleWhoseQuotedArgumentHoldsALineBreak(string text, int line)
    {
        var file = IptablesSaveFile.Parse("*filter\n" + text + "\nCOMMIT\n");

        Assert.Equal(line, file.Lines.IndexOf(file.QuoteAcrossLines!));
    }

    [Fact]
    public void QuoteAcrossLines_NoneInWellFormedOutput()
    {
        Assert.Null(IptablesSaveFile.Parse(FirewallFixture.Read("nft-v4.save")).QuoteAcrossLines);
    }

    [Fact]
    public void Parse_TablesEndAtCommit_LinesAfterBelongToNone()
    {
        var file = IptablesSaveFile.Parse("*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n# between\n*filter\n-A INPUT -j ACCEPT\nCOMMIT");

        Assert.Equal(["nat", "nat", "nat", null, "filter", "filter", "filter"], file.Lines.Select(l => l.Table));
        Assert.False(file.EndsWithNewline);
    }
}
