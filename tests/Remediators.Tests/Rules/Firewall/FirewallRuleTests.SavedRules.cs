using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

/// <summary>The saved rules files and the service that restores them at boot.</summary>
public sealed partial class FirewallRuleTests
{
    [Fact]
    public async Task Check_OfflineImage_EditsOnlyTheSavedFilesAndRunsNoProgram()
    {
        var plan = await new FirewallRule(Options with { ProgramDirectory = _xtables.Bin }, _tree.Host).CheckAsync(CancellationToken.None);

        Assert.Equal([SavedV4, SavedV6], plan.Changes.Select(c => c.Path));
        Assert.All(plan.Changes, change => Assert.IsType<FileEdit>(change));
        Assert.Contains("an offline image: only the saved rules files are checked, not a running kernel", plan.Notes);
        Assert.Equal("", _xtables.Calls);
    }

    [Fact]
    public async Task Check_NoLoaderInstalled_SaysTheChainIsLostAtRebootAndCreatesNoFile()
    {
        using var tree = new TempTree().MakeDirectory(KernelIPv6);
        var plan = await new FirewallRule(Options with { ProgramDirectory = _xtables.Bin }, tree.HostWith(_live)).CheckAsync(CancellationToken.None);

        Assert.Contains("IPv4: nothing restores /etc/sysconfig/iptables at boot (iptables.service from iptables-services is not installed): the chain is lost at the next reboot", plan.Notes);
        Assert.All(plan.Changes, change => Assert.IsType<ChainLoad>(change));
    }

    [Fact]
    public async Task CheckApply_LoaderEnabledButNoFile_CreatesARootOnlyFileWithTheChain()
    {
        using var tree = new TempTree().MakeDirectory(KernelIPv6);
        Options = Options with { SavedRulesV4 = "/etc/iptables/rules.v4", SavedRulesV6 = "/etc/iptables/rules.v6" };
        tree.Write("/lib/systemd/system/netfilter-persistent.service", "[Unit]\n")
            .Write("/usr/share/netfilter-persistent/plugins.d/15-ip4tables", "#!/bin/sh\n")
            .Write("/usr/share/netfilter-persistent/plugins.d/25-ip6tables", "#!/bin/sh\n")
            .Symlink("/etc/systemd/system/multi-user.target.wants/netfilter-persistent.service", "/lib/systemd/system/netfilter-persistent.service")
            .MakeDirectory("/etc/iptables");
        var rule = new FirewallRule(Options with { ProgramDirectory = _xtables.Bin }, tree.HostWith(_live));

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.DoesNotContain(plan.Notes, note => note.Contains("reboot", StringComparison.Ordinal));
        Assert.Equal("*filter\n" + ManagedChain.For(Options, IptablesFamily.Of(Options)[0]).Text() + "COMMIT\n", tree.Read("/etc/iptables/rules.v4"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, tree.Files.Stat("/etc/iptables/rules.v6").Mode);
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task Check_LoaderInstalledButDisabled_SaysHowToEnableIt()
    {
        _tree.Files.RenameNoReplace("/etc/systemd/system/basic.target.wants", "/etc/systemd/system/basic.target.wants.off");

        var plan = await Rule().CheckAsync(CancellationToken.None);

        Assert.Contains("IPv6: ip6tables.service is not enabled, so /etc/sysconfig/ip6tables is not restored at boot: the chain is lost at the next reboot (systemctl enable ip6tables.service)", plan.Notes);
    }

    [Fact]
    public async Task Check_SavedFileWithTwoFilterTables_FailsTypedAndTouchesNothing()
    {
        _tree.Write(SavedV4, "*filter\nCOMMIT\n*filter\nCOMMIT\n");
        var before = _tree.Snapshot();

        var error = await Assert.ThrowsAsync<UnsupportedFileException>(async () => await Rule().CheckAsync(CancellationToken.None));

        Assert.Equal(SavedV4, error.Path);
        Assert.Equal(before, _tree.Snapshot());
    }
}
