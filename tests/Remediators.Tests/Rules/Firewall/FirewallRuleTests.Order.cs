using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

/// <summary>The jump is INPUT's first rule: whatever is inserted above it is drift (issue 14).</summary>
public sealed partial class FirewallRuleTests
{
    private const string Chain = "CLOUDSHARK-HARDENING";

    [Fact]
    public async Task CheckApply_AcceptForPort80InsertedAboveTheJump_IsDriftNamingItAndMovesOnlyTheJumpBackOnTop()
    {
        var rule = Rule();
        await ConvergeAsync(rule);
        // What `iptables -P INPUT DROP` and `iptables -I INPUT 1 -p tcp --dport 80 -j ACCEPT` leave.
        var inserted = _xtables.Kernel(false)
            .Replace(":INPUT ACCEPT", ":INPUT DROP", StringComparison.Ordinal)
            .Replace($"-A INPUT -j {Chain}\n", $"-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n-A INPUT -j {Chain}\n-A INPUT -i lo -j ACCEPT\n", StringComparison.Ordinal);
        _xtables.Kernel(false, inserted);
        var files = _tree.Snapshot();

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.Equal(
            $"the kernel's IPv4 filter table has \"-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\" in INPUT above the jump to {Chain}: what they accept or send elsewhere never reaches the chain",
            Assert.Single(plan.Evidence));
        var load = Assert.IsType<ChainLoad>(Assert.Single(plan.Changes));
        Assert.StartsWith($"*filter\n:{Chain} - [0:0]\n-D INPUT -j {Chain}\n-I INPUT 1 -j {Chain}\n-A {Chain} -i lo -j RETURN\n", load.Payload, StringComparison.Ordinal);
        Assert.Equal(
            [$"-A INPUT -j {Chain}", "-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT", "-A INPUT -i lo -j ACCEPT"],
            InputRules(_xtables.Kernel(false)));
        Assert.Equal(inserted.Replace($"-A INPUT -j {Chain}\n", "", StringComparison.Ordinal), _xtables.Kernel(false).Replace($"-A INPUT -j {Chain}\n", "", StringComparison.Ordinal));
        Assert.Contains(":INPUT DROP [0:0]", _xtables.Kernel(false), StringComparison.Ordinal);
        Assert.Equal(files, _tree.Snapshot());
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Theory]
    [InlineData("-A INPUT -j f2b-sshd")]
    [InlineData("-A INPUT -s 198.51.100.1/32 -j DROP")]
    [InlineData("-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 80 -m comment --comment \"\u001b[2J\u202e -j CLOUDSHARK-HARDENING\" -j ACCEPT")]
    public async Task Check_AnyRuleAboveTheJump_IsDriftNamingItAsPrinted(string above)
    {
        var rule = Rule();
        await ConvergeAsync(rule);
        _xtables.Kernel(true, _xtables.Kernel(true)
            .Replace(":INPUT ACCEPT [0:0]\n", ":INPUT ACCEPT [0:0]\n:f2b-sshd - [0:0]\n", StringComparison.Ordinal)
            .Replace($"-A INPUT -j {Chain}\n", $"{above}\n-A INPUT -j {Chain}\n", StringComparison.Ordinal));

        var plan = await rule.CheckAsync(CancellationToken.None);

        // Verbatim here, comment and all: the human report escapes it, the JSON keeps it exact.
        Assert.Equal($"the kernel's IPv6 filter table has \"{above}\" in INPUT above the jump to {Chain}: what they accept or send elsewhere never reaches the chain", Assert.Single(plan.Evidence));
        Assert.Equal(["ip6tables:filter/" + Chain], plan.Changes.Select(change => change.Path));
    }

    [Fact]
    public async Task Check_SeveralRulesAboveTheJump_CountsThemAndNamesTheFirst()
    {
        var rule = Rule();
        await ConvergeAsync(rule);
        _xtables.Kernel(false, _xtables.Kernel(false).Replace($"-A INPUT -j {Chain}\n", $"-A INPUT -s 192.0.2.1/32 -j ACCEPT\n-A INPUT -s 192.0.2.2/32 -j ACCEPT\n-A INPUT -j {Chain}\n", StringComparison.Ordinal));

        var plan = await rule.CheckAsync(CancellationToken.None);

        Assert.Contains($"has 2 rules, the first \"-A INPUT -s 192.0.2.1/32 -j ACCEPT\", in INPUT above the jump to {Chain}", Assert.Single(plan.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckApply_SavedFileWithTheJumpBelowAnAccept_PutsItFirstAndKeepsTheRest()
    {
        var rule = Rule();
        await ConvergeAsync(rule);
        var saved = _tree.Read(SavedV4);
        var misplaced = saved.Replace($"-A INPUT -j {Chain}\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n", $"-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -j {Chain}\n", StringComparison.Ordinal);
        Assert.NotEqual(saved, misplaced);
        _tree.Write(SavedV4, misplaced);

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.Equal([SavedV4], plan.Changes.Select(change => change.Path));
        Assert.Equal(saved, _tree.Read(SavedV4));
    }
}
