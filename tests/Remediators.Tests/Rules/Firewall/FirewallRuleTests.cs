using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed partial class FirewallRuleTests : IDisposable
{
    private const string SavedV4 = "/etc/sysconfig/iptables";
    private const string SavedV6 = "/etc/sysconfig/ip6tables";
    private const string KernelIPv6 = "/proc/sys/net/ipv6";
    private readonly TempTree _tree = new();
    private readonly FakeXtables _xtables = new();
    private readonly FakeLiveSystem _live = new();

    public FirewallRuleTests()
    {
        _tree.Write(SavedV4, FirewallFixture.Read(FirewallFixture.ElIptables))
            .Write(SavedV6, FirewallFixture.Read(FirewallFixture.ElIp6tables))
            .MakeDirectory(KernelIPv6);
        InstallElLoader();
    }

    private FirewallOptions Options { get; set; } = FirewallOptions.For(Platform.RedHat) with
    {
        SourceRanges = [SourceRange.Parse("10.1.0.0/16"), SourceRange.Parse("2001:db8::/32")],
    };

    [Fact]
    public async Task Check_EmptyKernelAndElFiles_PlansALoadAndAFileEditPerFamilyAndChangesNothing()
    {
        var before = _tree.Snapshot();

        var plan = await Rule().CheckAsync(CancellationToken.None);

        Assert.Equal(
            ["firewall iptables:filter/CLOUDSHARK-HARDENING", $"file {SavedV4}", "firewall ip6tables:filter/CLOUDSHARK-HARDENING", $"file {SavedV6}"],
            plan.Changes.Select(c => $"{c.Kind} {c.Path}"));
        var load = Assert.IsType<ChainLoad>(plan.Changes[0]);
        Assert.Equal("", load.Before);
        Assert.Equal("load iptables:filter/CLOUDSHARK-HARDENING with " + _xtables.Bin + "/iptables-restore --noflush: create the chain and its jump first in INPUT, as configured", load.Describe());
        Assert.Equal(
            "*filter\n:CLOUDSHARK-HARDENING - [0:0]\n-I INPUT 1 -j CLOUDSHARK-HARDENING\n-A CLOUDSHARK-HARDENING -i lo -j RETURN\n"
            + "-A CLOUDSHARK-HARDENING -s 10.1.0.0/16 -p tcp -m multiport --dports 80,443 -j RETURN\n-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 80,443 -j DROP\n"
            + "-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 11211,3306 -j DROP\n-A CLOUDSHARK-HARDENING -p udp -m multiport --dports 11211,3306 -j DROP\nCOMMIT\n",
            load.Payload);
        Assert.Contains("the kernel's IPv4 filter table has no chain CLOUDSHARK-HARDENING", plan.Evidence);
        Assert.Contains("the kernel's IPv6 filter table has no jump from INPUT to CLOUDSHARK-HARDENING", plan.Evidence);
        Assert.Contains("IPv4: iptables v1.8.9 (nf_tables), the nf_tables backend", plan.Notes);
        Assert.Empty(plan.UnitActions);
        Assert.Equal(before, _tree.Snapshot());
        Assert.Equal(FakeXtables.EmptyTable, _xtables.Kernel(ipv6: false));
        Assert.DoesNotContain("-restore", _xtables.Calls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckApply_Drift_ConvergesAndThenLoadsAndWritesNothing()
    {
        var rule = Rule();

        var drift = await rule.CheckAsync(CancellationToken.None);
        Assert.False(drift.IsCompliant);
        await rule.ApplyAsync(drift, CancellationToken.None);
        var after = await rule.CheckAsync(CancellationToken.None);

        Assert.True(after.IsCompliant, string.Join("; ", after.Evidence.Concat(after.Changes.Select(c => c.Describe()))));
        var (files, kernel4, kernel6) = (_tree.Snapshot(TempTree.StateDirectory), _xtables.Kernel(false), _xtables.Kernel(true));
        _xtables.ForgetCalls();
        await rule.ApplyAsync(after, CancellationToken.None);
        Assert.Equal(files, _tree.Snapshot(TempTree.StateDirectory));
        Assert.Equal((kernel4, kernel6), (_xtables.Kernel(false), _xtables.Kernel(true)));
        Assert.Equal("", _xtables.Calls);
        Assert.Contains("-A INPUT -j CLOUDSHARK-HARDENING\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n", _tree.Read(SavedV4), StringComparison.Ordinal);
        Assert.Contains("-A CLOUDSHARK-HARDENING -s 2001:db8::/32 -p tcp -m multiport --dports 80,443 -j RETURN\n", _tree.Read(SavedV6), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckApply_ForeignRulesBeforeAndAfterTheJump_SurviveInTheirOrderBelowTheJump()
    {
        var rule = Rule();
        await ConvergeAsync(rule);
        var withForeign = _xtables.Kernel(false)
            .Replace("-A INPUT -j CLOUDSHARK-HARDENING\n", "-A INPUT -s 198.51.100.1/32 -j DROP\n-A INPUT -j CLOUDSHARK-HARDENING\n-A INPUT -s 198.51.100.2/32 -j DROP\n", StringComparison.Ordinal);
        _xtables.Kernel(false, withForeign);

        Options = Options with { SourceRanges = [SourceRange.Parse("192.0.2.0/24")] };
        await ConvergeAsync(Rule());

        var input = _xtables.Kernel(false).Split('\n').Where(line => line.StartsWith("-A INPUT", StringComparison.Ordinal));
        Assert.Equal(["-A INPUT -j CLOUDSHARK-HARDENING", "-A INPUT -s 198.51.100.1/32 -j DROP", "-A INPUT -s 198.51.100.2/32 -j DROP"], input);
        Assert.Contains("-A CLOUDSHARK-HARDENING -s 192.0.2.0/24 -p tcp", _xtables.Kernel(false), StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.0.0/16", _xtables.Kernel(false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckApply_OldAndDuplicateJumps_LeaveOnePlainJump()
    {
        _xtables.Kernel(false, "*filter\n:INPUT ACCEPT [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -p tcp -m multiport --dports 80,443 -j CLOUDSHARK-HARDENING\n"
            + "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -j CLOUDSHARK-HARDENING\n-A INPUT -j CLOUDSHARK-HARDENING\nCOMMIT\n");
        var rule = Rule();

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.Contains(
            "the kernel's IPv4 filter table jumps from INPUT to CLOUDSHARK-HARDENING as \"-p tcp -m multiport --dports 80,443 -j CLOUDSHARK-HARDENING\", \"-j CLOUDSHARK-HARDENING\", \"-j CLOUDSHARK-HARDENING\" instead of once as \"-j CLOUDSHARK-HARDENING\"",
            plan.Evidence);
        Assert.Equal(
            ["-A INPUT -j CLOUDSHARK-HARDENING", "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT"],
            _xtables.Kernel(false).Split('\n').Where(line => line.StartsWith("-A INPUT", StringComparison.Ordinal)));
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task Check_FirewalldRunning_IsNotApplicableAndRunsNoIptables()
    {
        _live.Units["firewalld.service"] = FakeLiveSystem.Unit("firewalld.service");

        var plan = await Rule().CheckAsync(CancellationToken.None);

        Assert.True(plan.IsCompliant);
        Assert.StartsWith("firewalld is running and owns this firewall", plan.NotApplicableBecause, StringComparison.Ordinal);
        Assert.Equal("", _xtables.Calls);
    }

    [Fact]
    public async Task Check_FirewalldRunningButIptablesChosen_ManagesTheChainAndSaysSo()
    {
        _live.Units["firewalld.service"] = FakeLiveSystem.Unit("firewalld.service");
        Options = Options with { Backend = FirewallBackendChoice.Iptables };

        var plan = await Rule().CheckAsync(CancellationToken.None);

        Assert.Null(plan.NotApplicableBecause);
        Assert.Contains(plan.Changes, change => change is ChainLoad);
        Assert.StartsWith("firewalld is running; the chain is kept beside it", plan.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OfflineImageWithFirewalldEnabled_IsNotApplicable()
    {
        _tree.Symlink("/etc/systemd/system/multi-user.target.wants/firewalld.service", "/usr/lib/systemd/system/firewalld.service");

        var plan = await new FirewallRule(Options, _tree.Host).CheckAsync(CancellationToken.None);

        Assert.StartsWith("firewalld is enabled and owns this firewall", plan.NotApplicableBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_RestoreRefusesThePayload_FailsAndWritesNoFile()
    {
        var rule = Rule();
        var plan = await rule.CheckAsync(CancellationToken.None);
        var files = _tree.Snapshot();
        _xtables.FailRestore("iptables-restore v1.8.9 (nf_tables): Chain 'X' does not exist\nError occurred at line: 4\n");

        var error = await Assert.ThrowsAsync<HardeningException>(async () => await rule.ApplyAsync(plan, CancellationToken.None));

        Assert.Equal(
            $"{_xtables.Bin}/iptables-restore --noflush --wait 10 failed (exit 2): iptables-restore v1.8.9 (nf_tables): Chain 'X' does not exist; Error occurred at line: 4; the kernel's rules are as they were (the load is one transaction)",
            error.Message);
        Assert.False(error.IsTransient);
        Assert.Equal(files, _tree.Snapshot());
        Assert.Equal(FakeXtables.EmptyTable, _xtables.Kernel(false));
    }

    [Fact]
    public async Task Apply_ChainChangedAfterCheck_RefusesTransientlyAndLoadsNothing()
    {
        var rule = Rule();
        var plan = await rule.CheckAsync(CancellationToken.None);
        var changed = "*filter\n:INPUT ACCEPT [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n-A CLOUDSHARK-HARDENING -j DROP\nCOMMIT\n";
        _xtables.Kernel(false, changed);

        var error = await Assert.ThrowsAsync<ChainChangedSinceCheckException>(async () => await rule.ApplyAsync(plan, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal("iptables:filter/CLOUDSHARK-HARDENING", error.Chain);
        Assert.Equal(changed, _xtables.Kernel(false));
    }

    [Fact]
    public async Task CheckApply_KernelWithoutIPv6_LoadsIPv4OnlyAndStillKeepsBothFiles()
    {
        Directory.Delete(_tree.HostPath(KernelIPv6));
        var rule = Rule();

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.Equal(["iptables:filter/CLOUDSHARK-HARDENING", SavedV4, SavedV6], plan.Changes.Select(c => c.Path));
        Assert.Contains("IPv6: the running kernel has no IPv6 (no /proc/sys/net/ipv6), so there is no IPv6 table to load; the saved file is still kept", plan.Notes);
        Assert.DoesNotContain("ip6tables", _xtables.Calls, StringComparison.Ordinal);
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task Check_LegacyBackendWithLegacyTablesAndARuleAboveTheJump_SaysAllThree()
    {
        _xtables.Version("iptables v1.8.4 (legacy)")
            .SaveWarning("# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n")
            .Kernel(false, "*filter\n:INPUT ACCEPT [0:0]\n:CLOUDSHARK-HARDENING - [0:0]\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n-A INPUT -j CLOUDSHARK-HARDENING\nCOMMIT\n");

        var plan = await Rule().CheckAsync(CancellationToken.None);

        Assert.Contains("IPv4: iptables v1.8.4 (legacy), the legacy backend", plan.Notes);
        Assert.Contains("IPv4: iptables-legacy tables are loaded too; their rules also apply to every packet, and this rule neither reads nor changes them", plan.Notes);
        Assert.Contains("the kernel's IPv4 filter table has \"-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\" in INPUT above the jump to CLOUDSHARK-HARDENING: what they accept or send elsewhere never reaches the chain", plan.Evidence);
    }

    [Fact]
    public async Task Check_ToolsMissing_FailsNamingThePackage()
    {
        var rule = new FirewallRule(Options with { ProgramDirectory = "/nonexistent/sbin" }, _tree.HostWith(_live));

        var error = await Assert.ThrowsAsync<HardeningException>(async () => await rule.CheckAsync(CancellationToken.None));

        Assert.StartsWith("/nonexistent/sbin/iptables cannot be run", error.Message, StringComparison.Ordinal);
        Assert.Contains("iptables-nft package on EL 8/9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Watched_AreTheSavedFilesAndFirewalld()
    {
        var rule = Rule();

        Assert.Equal([new WatchedPath(SavedV4, WatchScope.Node), new WatchedPath(SavedV6, WatchScope.Node)], rule.WatchedPaths);
        Assert.Equal(["firewalld.service"], rule.WatchedUnits);
    }

    public void Dispose()
    {
        _xtables.Dispose();
        _tree.Dispose();
    }

    private FirewallRule Rule() => new(Options with { ProgramDirectory = _xtables.Bin }, _tree.HostWith(_live));

    private static async Task ConvergeAsync(FirewallRule rule)
    {
        await rule.ApplyAsync(await rule.CheckAsync(CancellationToken.None), CancellationToken.None);
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    private void InstallElLoader()
    {
        foreach (var unit in new[] { "iptables.service", "ip6tables.service" })
        {
            _tree.Write($"/usr/lib/systemd/system/{unit}", "[Unit]\n")
                .Symlink($"/etc/systemd/system/basic.target.wants/{unit}", $"/usr/lib/systemd/system/{unit}");
        }
    }
}
