using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

/// <summary>What the daemon asks between passes: how to watch the kernel's rules, and the poll's drift.</summary>
public sealed partial class FirewallRuleTests
{
    [Fact]
    public async Task KernelWatch_NfTablesBackend_IsNotifications()
    {
        Assert.Equal(KernelRulesWatch.NfTablesNotifications, await Rule().KernelWatchAsync(CancellationToken.None));
        Assert.Equal("iptables -V\nip6tables -V\n", _xtables.Calls);
    }

    [Fact]
    public async Task KernelWatch_LegacyBackend_IsAPoll()
    {
        _xtables.Version("iptables v1.8.9 (legacy)");

        Assert.Equal(KernelRulesWatch.Poll, await Rule().KernelWatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task KernelWatch_FirewalldRunning_IsNoneUnlessTheConfigChoosesIptables()
    {
        _live.Units["firewalld.service"] = FakeLiveSystem.Unit("firewalld.service");

        Assert.Equal(KernelRulesWatch.None, await Rule().KernelWatchAsync(CancellationToken.None));
        Options = Options with { Backend = FirewallBackendChoice.Iptables };
        Assert.Equal(KernelRulesWatch.NfTablesNotifications, await Rule().KernelWatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task KernelWatch_OfflineImage_IsNoneAndRunsNoProgram()
    {
        var rule = new FirewallRule(Options with { ProgramDirectory = _xtables.Bin }, _tree.Host);

        Assert.Equal(KernelRulesWatch.None, await rule.KernelWatchAsync(CancellationToken.None));
        Assert.Equal("", _xtables.Calls);
    }

    [Fact]
    public async Task KernelDrift_ConvergedThenJumpDeleted_IsEmptyThenTheEvidenceAndNeverLoadsOrWrites()
    {
        var rule = Rule();
        await ConvergeAsync(rule);
        _xtables.ForgetCalls();
        var files = _tree.Snapshot();

        var held = await rule.KernelDriftAsync(CancellationToken.None);
        _xtables.Kernel(true, _xtables.Kernel(true).Replace("-A INPUT -j CLOUDSHARK-HARDENING\n", "", StringComparison.Ordinal));
        var deleted = await rule.KernelDriftAsync(CancellationToken.None);

        Assert.Empty(held);
        Assert.Equal(["the kernel's IPv6 filter table has no jump from INPUT to CLOUDSHARK-HARDENING"], deleted);
        Assert.DoesNotContain("-restore", _xtables.Calls, StringComparison.Ordinal);
        Assert.Equal(files, _tree.Snapshot());
    }
}
