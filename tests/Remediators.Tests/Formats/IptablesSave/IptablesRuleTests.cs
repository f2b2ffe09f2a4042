using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;

public sealed class IptablesRuleTests
{
    private const string Chain = "CLOUDSHARK-HARDENING";

    [Theory]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"ssh -j CLOUDSHARK-HARDENING\" -j ACCEPT", "ssh -j CLOUDSHARK-HARDENING")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"-j CLOUDSHARK-HARDENING\" -j ACCEPT", "-j CLOUDSHARK-HARDENING")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"-A INPUT -j CLOUDSHARK-HARDENING\" -j ACCEPT", "-A INPUT -j CLOUDSHARK-HARDENING")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"a \\\"quoted\\\" -j CLOUDSHARK-HARDENING \\\\\" -j ACCEPT", "a \"quoted\" -j CLOUDSHARK-HARDENING \\")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"it\\'s  two  spaces\" -j ACCEPT", "it's  two  spaces")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment -j -j ACCEPT", "-j")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment --goto -j ACCEPT", "--goto")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment CLOUDSHARK-HARDENING -j ACCEPT", Chain)]
    public void TryParse_CommentNamingTheChain_IsAnArgumentAndTheTargetStaysAccept(string line, string comment)
    {
        var rule = IptablesRule.TryParse(line)!;

        Assert.Equal("INPUT", rule.Chain);
        Assert.Equal("ACCEPT", rule.Spec.Target);
        Assert.False(rule.Spec.SendsTo(Chain));
        Assert.Equal(comment, Assert.Single(rule.Spec.Matches, option => option.Name == "--comment").Value);
        Assert.Equal(["-p", "-m", "--dport", "-m", "--comment"], rule.Spec.Matches.Select(option => option.Name));
    }

    [Theory]
    [InlineData("-A INPUT ! -s 10.0.0.0/8 -p tcp ! --dport 22 -j DROP")]
    [InlineData("-A INPUT -s ! 10.0.0.0/8 -p tcp --dport ! 22 -j DROP")]
    public void TryParse_NegationBeforeOrAfterTheOption_NegatesThatOptionOnly(string line)
    {
        var spec = IptablesRule.TryParse(line)!.Spec;

        Assert.Equal(
            [("-s", "10.0.0.0/8", true), ("-p", "tcp", false), ("--dport", "22", true)],
            spec.Matches.Select(option => (option.Name, option.Value, option.Negated)));
        Assert.Equal("DROP", spec.Target);
    }

    [Fact]
    public void TryParse_NegatedFlag_NegatesTheFlagNotTheNextOption()
    {
        var spec = IptablesRule.TryParse("-A INPUT -p tcp ! --syn -m comment --comment \"!\" -j ACCEPT")!.Spec;

        Assert.Equal(
            [("-p", "tcp", false), ("--syn", "", true), ("-m", "comment", false), ("--comment", "!", false)],
            spec.Matches.Select(option => (option.Name, option.Value, option.Negated)));
    }

    [Theory]
    [InlineData("-A INPUT -j CLOUDSHARK-HARDENING", false)]
    [InlineData("-A INPUT -p tcp --jump CLOUDSHARK-HARDENING", false)]
    [InlineData("-A INPUT -g CLOUDSHARK-HARDENING", true)]
    [InlineData("-A INPUT --goto \"CLOUDSHARK-HARDENING\"", true)]
    [InlineData("[3:180] -A INPUT -j CLOUDSHARK-HARDENING", false)]
    [InlineData("--append INPUT -j CLOUDSHARK-HARDENING", false)]
    public void TryParse_JumpsAndGotos_SendToTheChain(string line, bool isGoto)
    {
        var rule = IptablesRule.TryParse(line)!;

        Assert.True(rule.Spec.SendsTo(Chain));
        Assert.Equal(isGoto, rule.Spec.IsGoto);
        Assert.Equal("INPUT", rule.Chain);
    }

    [Fact]
    public void TryParse_OptionsAfterTheTarget_BelongToIt()
    {
        var spec = IptablesRule.TryParse("-A INPUT -p udp -j LOG --log-prefix \"-j CLOUDSHARK-HARDENING \" --log-level 4")!.Spec;

        Assert.Equal("LOG", spec.Target);
        Assert.Equal(["-p"], spec.Matches.Select(option => option.Name));
    }

    [Theory]
    [InlineData("-A  INPUT\t-s 10.0.0.1/32  -j DROP ", "-s 10.0.0.1/32  -j DROP")]
    [InlineData("   -A INPUT -m comment --comment \"x  y\"   -j ACCEPT", "-m comment --comment \"x  y\"   -j ACCEPT")]
    [InlineData("-A EMPTY", "")]
    public void TryParse_OddSpacing_KeepsTheSpecificationAsWritten(string line, string specText)
    {
        Assert.Equal(specText, IptablesRule.TryParse(line)!.SpecText);
    }

    [Fact]
    public void TryParse_TwoWordArguments_AreTakenWhole()
    {
        var spec = IptablesRule.TryParse("-A INPUT -m set --match-set -j src -p tcp --tcp-flags SYN,ACK SYN -j DROP")!.Spec;

        Assert.Equal(
            [("-m", "set"), ("--match-set", "-j src"), ("-p", "tcp"), ("--tcp-flags", "SYN,ACK SYN")],
            spec.Matches.Select(option => (option.Name, string.Join(' ', option.Values))));
        Assert.Equal("DROP", spec.Target);
    }

    [Theory]
    [InlineData("-I INPUT 1 -j ACCEPT")]
    [InlineData("-N MYCHAIN")]
    [InlineData("-A")]
    [InlineData("\"-A INPUT\" -j ACCEPT")]
    [InlineData("# -A INPUT -j CLOUDSHARK-HARDENING")]
    public void TryParse_NotAnAppend_IsNull(string line)
    {
        Assert.Null(IptablesRule.TryParse(line));
    }

    [Fact]
    public void TryParse_QuoteLeftOpen_IsNoJumpAndSaysSo()
    {
        var rule = IptablesRule.TryParse("-A INPUT -m comment --comment \"x -j CLOUDSHARK-HARDENING")!;

        Assert.True(rule.EndsInsideQuotes);
        Assert.Null(rule.Spec.Target);
    }
}
