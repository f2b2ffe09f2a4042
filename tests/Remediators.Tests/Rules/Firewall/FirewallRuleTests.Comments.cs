using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed partial class FirewallRuleTests
{
    /// <summary>The administrator's way in, with a comment that names the agent's jump (issue 13, class 5).</summary>
    private const string SshNamingTheJump = "-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"admin ssh, keep above -j CLOUDSHARK-HARDENING\" -j ACCEPT";

    [Fact]
    public async Task CheckApply_SshAcceptWhoseCommentNamesTheJump_StaysInTheKernelAndTheSavedFile()
    {
        var table = $"*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n{SshNamingTheJump}\nCOMMIT\n";
        _xtables.Kernel(false, table);
        _tree.Write(SavedV4, table);
        var rule = Rule();

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        var load = Assert.IsType<ChainLoad>(plan.Changes[0]);
        Assert.Equal("", load.Before);
        Assert.DoesNotContain("-D INPUT", load.Payload, StringComparison.Ordinal);
        Assert.Equal(["-A INPUT -j CLOUDSHARK-HARDENING", SshNamingTheJump], InputRules(_xtables.Kernel(false)));
        Assert.Equal(["-A INPUT -j CLOUDSHARK-HARDENING", SshNamingTheJump], InputRules(_tree.Read(SavedV4)));
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    private static IEnumerable<string> InputRules(string table) =>
        table.Split('\n').Where(line => line.StartsWith("-A INPUT", StringComparison.Ordinal));
}
