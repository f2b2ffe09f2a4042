using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed class SavedRulesEditorTests
{
    private const string Path = "/etc/sysconfig/iptables";
    private static readonly FirewallOptions Options = FirewallOptions.For(Platform.RedHat) with { SourceRanges = [SourceRange.Parse("10.1.0.0/16")] };
    private static readonly ManagedChain Chain = ManagedChain.For(Options, IptablesFamily.Of(Options)[0]);

    [Fact]
    public void Apply_ElSample_AddsDeclarationJumpFirstInInputAndRulesAtTheEnd()
    {
        var text = FirewallFixture.Read(FirewallFixture.ElIptables);

        var after = Edit(text);

        Assert.Equal(
            text.Replace(":OUTPUT ACCEPT [0:0]\n", ":OUTPUT ACCEPT [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -j CLOUDSHARK-HARDENING\n", StringComparison.Ordinal)
                .Replace("COMMIT\n", string.Concat(Chain.RuleSpecs.Select(spec => $"-A CLOUDSHARK-HARDENING {spec}\n")) + "COMMIT\n", StringComparison.Ordinal),
            after);
    }

    [Fact]
    public void Apply_Twice_IsApplyOnce()
    {
        var once = Edit(FirewallFixture.Read(FirewallFixture.ElIp6tables));

        Assert.Equal(once, Edit(once));
    }

    [Fact]
    public void Apply_StaleChainAndAJumpBelowSomeonesRule_ReplacesOurLinesAndPutsTheJumpFirstInInput()
    {
        var text = "# kept\n*filter\n:INPUT DROP [0:0]\n:CLOUDSHARK-HARDENING - [3:180]\n:f2b-sshd - [0:0]\n"
            + "-A INPUT -s 198.51.100.9/32 -j ACCEPT\n-A INPUT -p tcp -m multiport --dports 80,443 -j CLOUDSHARK-HARDENING\n-A INPUT -j f2b-sshd\n"
            + "-A CLOUDSHARK-HARDENING -s 10.9.0.0/16 -j RETURN\n\n# theirs\n-A f2b-sshd -j RETURN\n-A CLOUDSHARK-HARDENING -j DROP\n-A INPUT -j CLOUDSHARK-HARDENING\nCOMMIT\n";

        var after = Edit(text);

        Assert.Equal(
            "# kept\n*filter\n:INPUT DROP [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n:f2b-sshd - [0:0]\n"
            + "-A INPUT -j CLOUDSHARK-HARDENING\n-A INPUT -s 198.51.100.9/32 -j ACCEPT\n-A INPUT -j f2b-sshd\n"
            + string.Concat(Chain.RuleSpecs.Select(spec => $"-A CLOUDSHARK-HARDENING {spec}\n"))
            + "\n# theirs\n-A f2b-sshd -j RETURN\nCOMMIT\n",
            after);
    }

    [Fact]
    public void Apply_AcceptForPort80AboveTheJump_MovesOnlyTheJumpAboveItAndKeepsPoliciesAndOrder()
    {
        const string Head = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n";
        const string Theirs = "-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n# replies\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n";
        var ours = string.Concat(Chain.RuleSpecs.Select(spec => $"-A CLOUDSHARK-HARDENING {spec}\n"));

        var after = Edit(Head + Theirs + "-A INPUT -j CLOUDSHARK-HARDENING\n-A INPUT -i lo -j ACCEPT\n" + ours + "COMMIT\n");

        Assert.Equal(Head + "-A INPUT -j CLOUDSHARK-HARDENING\n" + Theirs + "-A INPUT -i lo -j ACCEPT\n" + ours + "COMMIT\n", after);
    }

    [Fact]
    public void Apply_JumpFirstInInputBetweenCommentsAndBlankLines_StaysByteForByte()
    {
        var ours = string.Concat(Chain.RuleSpecs.Select(spec => $"-A CLOUDSHARK-HARDENING {spec}\n"));
        var text = "*filter\n:INPUT ACCEPT [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n-A FORWARD -j DROP\n# the agent's\n-A INPUT -j CLOUDSHARK-HARDENING\n\n# theirs\n-A INPUT -j DROP\n" + ours + "COMMIT\n";

        Assert.Equal(text, Edit(text));
    }

    [Fact]
    public void Apply_NoFilterTable_AppendsOneAndKeepsTheRest()
    {
        var text = "*nat\n:PREROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT";

        var after = Edit(text);

        Assert.Equal(text + "\n*filter\n" + Chain.Text() + "COMMIT", after);
    }

    [Fact]
    public void Apply_EmptyFile_IsJustTheChainInAFilterTable()
    {
        Assert.Equal("*filter\n" + Chain.Text() + "COMMIT\n", Edit(""));
    }

    [Fact]
    public void Apply_FilterWithoutInputRules_PutsTheJumpBeforeTheFirstRule()
    {
        var after = Edit("*filter\n:FORWARD DROP [0:0]\n-A FORWARD -j ACCEPT\nCOMMIT\n");

        Assert.StartsWith("*filter\n:FORWARD DROP [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -j CLOUDSHARK-HARDENING\n-A FORWARD -j ACCEPT\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OurLinesInAnotherTable_AreNotOurs()
    {
        var text = "*mangle\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -j CLOUDSHARK-HARDENING\nCOMMIT\n*filter\nCOMMIT\n";

        Assert.Equal("*mangle\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -j CLOUDSHARK-HARDENING\nCOMMIT\n*filter\n" + Chain.Text() + "COMMIT\n", Edit(text));
    }

    [Theory]
    [InlineData("*filter\n-A INPUT -j ACCEPT\nCOMMIT\n*filter\nCOMMIT\n", "holds 2 *filter tables (lines 1, 4); iptables-restore would apply only the last")]
    [InlineData("*filter\n-A INPUT -j ACCEPT\n", "the *filter table at line 1 has no COMMIT; iptables-restore would apply none of it")]
    [InlineData("*filter\n-A INPUT -j ACCEPT\n*nat\nCOMMIT\n", "the *filter table at line 1 has no COMMIT; iptables-restore would apply none of it")]
    [InlineData("*filter\n-I INPUT 1 -j CLOUDSHARK-HARDENING\nCOMMIT\n", "line 2 changes CLOUDSHARK-HARDENING in a way the agent never writes: -I INPUT 1 -j CLOUDSHARK-HARDENING")]
    [InlineData("*filter\n-N CLOUDSHARK-HARDENING\nCOMMIT\n", "line 2 changes CLOUDSHARK-HARDENING in a way the agent never writes: -N CLOUDSHARK-HARDENING")]
    [InlineData("*filter\n-E OLD CLOUDSHARK-HARDENING\nCOMMIT\n", "line 2 changes CLOUDSHARK-HARDENING in a way the agent never writes: -E OLD CLOUDSHARK-HARDENING")]
    [InlineData("*filter\n-I INPUT -p tcp -g CLOUDSHARK-HARDENING\nCOMMIT\n", "line 2 changes CLOUDSHARK-HARDENING in a way the agent never writes: -I INPUT -p tcp -g CLOUDSHARK-HARDENING")]
    [InlineData(
        "*filter\n-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"ssh\n-A INPUT -j CLOUDSHARK-HARDENING\n\" -j ACCEPT\nCOMMIT\n",
        "line 2 opens a quote it does not close (a comment with a line break?), so the lines after it may not be what they look like: -A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"ssh")]
    public void Apply_FilterTableItCannotEditSafely_IsRefused(string text, string problem)
    {
        var error = Assert.Throws<UnsupportedFileException>(() => Edit(text));

        Assert.Equal(Path, error.Path);
        Assert.Equal(problem, error.Problem);
    }

    [Theory]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"ssh -j CLOUDSHARK-HARDENING\" -j ACCEPT")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"-A INPUT -j CLOUDSHARK-HARDENING\" -j ACCEPT")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"\\\"quoted\\\" -j CLOUDSHARK-HARDENING \\\\\" -j ACCEPT")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment -j -j ACCEPT")]
    [InlineData("-A INPUT ! -s 10.0.0.0/8 -m comment --comment \"not -j CLOUDSHARK-HARDENING\" -j DROP")]
    public void Apply_ForeignRuleWhoseCommentNamesTheJump_IsKeptByteForByte(string foreign)
    {
        const string Head = "# kept\n*filter\n:INPUT DROP [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n";
        const string Jump = "-A INPUT -j CLOUDSHARK-HARDENING\n";
        var tail = string.Concat(Chain.RuleSpecs.Select(spec => $"-A CLOUDSHARK-HARDENING {spec}\n")) + "COMMIT\n";

        // Below the jump: nothing to do. Above it, or without a jump: the jump goes first, the rule stays.
        Assert.Equal(Head + Jump + foreign + "\n" + tail, Edit(Head + Jump + foreign + "\n" + tail));
        Assert.Equal(Head + Jump + foreign + "\n" + tail, Edit(Head + foreign + "\n" + Jump + tail));
        Assert.Equal(Head + Jump + foreign + "\n" + tail, Edit(Head + foreign + "\n" + tail));
    }

    [Theory]
    [InlineData("-I INPUT 1 -p tcp -m comment --comment \"CLOUDSHARK-HARDENING was here\" -j ACCEPT")]
    [InlineData("-I INPUT 1 -p tcp -m comment --comment CLOUDSHARK-HARDENING -j ACCEPT")]
    [InlineData("-P FORWARD DROP")]
    public void Apply_CommandThatOnlyNamesTheChainInAnArgument_IsKept(string command)
    {
        var text = $"*filter\n:INPUT ACCEPT [0:0]\n{command}\nCOMMIT\n";

        Assert.Contains($"\n{command}\n", Edit(text), StringComparison.Ordinal);
    }

    private static string Edit(string text) => SavedRulesEditor.Apply(new TextFile(Path, text), Chain);
}
