using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Evidence;

/// <summary>Files that say the right thing are not enough: each rule checks the running system too.</summary>
public sealed class LiveEvidenceTests : IDisposable
{
    private readonly TempTree _tree = TempTree.FromSample();
    private readonly FakeLiveSystem _live = new();

    [Fact]
    public async Task Memcached_FileHardenedButUdpStillOpen_PlansARestartAndSaysWhatItSaw()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-l 127.0.0.1 -U 0 -t 4\"\n");
        _live.Listen(Transport.Udp, "0.0.0.0", 11211, "memcached", "memcached.service")
             .Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service");

        var plan = await Memcached().CheckAsync(CancellationToken.None);

        Assert.False(plan.IsCompliant);
        Assert.Empty(plan.Changes);
        Assert.Equal([UnitAction.Restart("memcached.service")], plan.UnitActions.ToArray());
        Assert.Contains("memcached has a UDP socket open: udp 0.0.0.0:11211", Assert.Single(plan.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memcached_FileUndoneButServiceStillHardened_PutsTheFileBackWithoutARestart()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-U 11211 -t 4\"\n");
        _live.Units["memcached.service"] = FakeLiveSystem.Unit("memcached.service");
        _live.Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service");

        var plan = await Memcached().CheckAsync(CancellationToken.None);

        Assert.Single(plan.Changes);
        Assert.Empty(plan.UnitActions);
    }

    [Fact]
    public async Task Memcached_UdpSocketWhoseOwnerCannotBeSeen_CountsAgainstItButCostsNoRestart()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-l 127.0.0.1 -U 0\"\n");
        _live.Sockets.Add(new Listener(Transport.Udp, System.Net.IPAddress.Any, 11211, 99, 986, null));

        var plan = await Memcached().CheckAsync(CancellationToken.None);

        Assert.False(plan.IsCompliant);
        Assert.Empty(plan.UnitActions);
        Assert.Contains("owner unknown, uid 986", Assert.Single(plan.Evidence), StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.Contains("CAP_SYS_PTRACE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Memcached_FileUndoneAndASocketWhoseOwnerCannotBeSeen_RestartsWithTheEdit()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-U 11211\"\n");
        _live.Sockets.Add(new Listener(Transport.Udp, System.Net.IPAddress.Any, 11211, 99, 986, null));

        var plan = await Memcached().CheckAsync(CancellationToken.None);

        Assert.Single(plan.Changes);
        Assert.Equal([UnitAction.Restart("memcached.service")], plan.UnitActions.ToArray());
    }

    [Theory]
    [InlineData("session-3.scope")]
    [InlineData("user@1000.service")]
    [InlineData(null)]
    public async Task Memcached_ProcessCalledMemcachedOutsideItsUnit_IsNotMemcachedAndCostsNoRestart(string? unit)
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-l 127.0.0.1 -U 0\"\n");
        _live.Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service", pid: 420);
        _live.Sockets.Add(new Listener(Transport.Udp, System.Net.IPAddress.Any, 11211, 99, 1000, new SocketOwner(5000, "memcached", unit)));

        var plan = await Memcached().CheckAsync(CancellationToken.None);

        Assert.True(plan.IsCompliant);
    }

    [Fact]
    public async Task Memcached_FileHardenedAndOnlyLoopbackTcp_IsCompliant()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-l 127.0.0.1,::1 -U 0\"\n");
        _live.Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service")
             .Listen(Transport.Tcp, "::1", 11211, "memcached", "memcached.service")
             .Listen(Transport.Udp, "0.0.0.0", 53, "dnsmasq", "dnsmasq.service");

        Assert.True((await Memcached().CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task MariaDb_OptionFilesRightButServerStillOnTcp_PlansARestart()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n");
        _live.Listen(Transport.Tcp, "0.0.0.0", 3306, "mariadbd", "mariadb.service");

        var plan = await MariaDb().CheckAsync(CancellationToken.None);

        Assert.Empty(plan.Changes);
        Assert.Equal([UnitAction.Restart("mariadb.service")], plan.UnitActions.ToArray());
        Assert.Contains("mariadbd listens on TCP: tcp 0.0.0.0:3306", Assert.Single(plan.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MariaDb_ListenerWhoseOwnerCannotBeSeen_CountsAgainstItButCostsNoRestart()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n");
        _live.Sockets.Add(new Listener(Transport.Tcp, System.Net.IPAddress.Any, 3306, 98, 27, null));

        var plan = await MariaDb().CheckAsync(CancellationToken.None);

        Assert.False(plan.IsCompliant);
        Assert.Empty(plan.UnitActions);
        Assert.Contains("owner unknown, uid 27", Assert.Single(plan.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MariaDb_ProcessCalledMariadbdOutsideItsUnit_IsNotTheServer()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n");
        _live.Listen(Transport.Tcp, "0.0.0.0", 3306, "mariadbd", "session-3.scope", pid: 5000);

        Assert.True((await MariaDb().CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task MariaDb_SystemdSocketUnitHoldsThePort_MasksAndStopsItThenRestartsTheServer()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n")
            .Write("/usr/lib/systemd/system/mariadb.socket", "[Socket]\nListenStream=@mariadb\nListenStream=/run/mysqld/mysqld.sock\nListenStream=3306\n");
        _live.Units["mariadb.socket"] = FakeLiveSystem.Unit("mariadb.socket") with
        {
            Listen = [new SocketListen("Stream", "@mariadb"), new SocketListen("Stream", "/run/mysqld/mysqld.sock"), new SocketListen("Stream", "[::]:3306")],
        };
        _live.Listen(Transport.Tcp, "::", 3306, "systemd", "init.scope", pid: 1);

        var rule = MariaDb();
        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.StartsWith("systemd listens on [::]:3306 (Stream) for mariadb.socket; its files say ListenStream=3306 (/usr/lib/systemd/system/mariadb.socket:4)", Assert.Single(plan.Evidence), StringComparison.Ordinal);
        Assert.Equal([UnitAction.DaemonReload, UnitAction.Stop("mariadb.socket"), UnitAction.Restart("mariadb.service")], plan.UnitActions.ToArray());
        Assert.Equal("/dev/null", _tree.Files.Stat("/etc/systemd/system/mariadb.socket").LinkTarget);
    }

    [Fact]
    public async Task MariaDb_AdministratorsOwnSocketUnitFile_GetsADropInNotReplaced()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n").Write("/etc/systemd/system/mariadb.socket", "[Socket]\nListenStream=3306\n");
        _live.Units["mariadb.socket"] = FakeLiveSystem.Unit("mariadb.socket") with { Listen = [new SocketListen("Stream", "0.0.0.0:3306")] };

        var plan = await MariaDb().CheckAsync(CancellationToken.None);

        Assert.Contains(plan.Changes, change => change is FileEdit { Path: "/etc/systemd/system/mariadb.socket.d/50-cloudshark-hardening.conf" });
        Assert.DoesNotContain(plan.Changes, change => change.Path == "/etc/systemd/system/mariadb.socket");
        Assert.Equal([UnitAction.DaemonReload, UnitAction.Stop("mariadb.socket"), UnitAction.Restart("mariadb.service")], plan.UnitActions.ToArray());
        Assert.Equal("[Socket]\nListenStream=3306\n", _tree.Read("/etc/systemd/system/mariadb.socket"));
    }

    [Fact]
    public async Task MariaDb_ServerReadsItsFilesDifferently_TheServersViewWins()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n");
        _live.Commands["my_print_defaults --mysqld"] = "--datadir=/var/lib/mysql\n--skip-networking\n--skip_networking=OFF\n";

        var plan = await MariaDb().CheckAsync(CancellationToken.None);

        Assert.False(plan.IsCompliant);
        Assert.Contains("my_print_defaults --mysqld", Assert.Single(plan.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MariaDb_GroupOfAnotherServerVersionSaysOff_ServerIgnoresItSoNoEdit()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n[mysqld-10.99]\nskip-networking=0\n");
        _live.Commands["my_print_defaults --mysqld"] = "--skip-networking\n";

        var plan = await MariaDb().CheckAsync(CancellationToken.None);

        Assert.True(plan.IsCompliant);
        Assert.Contains(plan.Notes, n => n.Contains("the server's counts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MariaDb_ServerAgrees_IsCompliant()
    {
        _tree.Write("/etc/my.cnf", "[mysqld]\nskip-networking\n");
        _live.Commands["my_print_defaults --mysqld"] = "--datadir=/var/lib/mysql\n--skip-networking\n";

        Assert.True((await MariaDb().CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task CloudSharkUnit_DropInRightButSystemdNotReloaded_PlansADaemonReload()
    {
        _tree.Write("/etc/systemd/system/cloudshark.service.d/override.conf", "[Unit]\nRequiresMountsFor=/cap\n");
        _live.Units["cloudshark.service"] = FakeLiveSystem.Unit("cloudshark.service", needDaemonReload: true);

        var plan = await CloudSharkUnit().CheckAsync(CancellationToken.None);

        Assert.Equal([UnitAction.DaemonReload], plan.UnitActions.ToArray());
        Assert.Equal(2, plan.Evidence.Length);
    }

    [Fact]
    public async Task CloudSharkUnit_SystemdHasTheMountRequirement_IsCompliant()
    {
        _tree.Write("/etc/systemd/system/cloudshark.service.d/override.conf", "[Unit]\nRequiresMountsFor=/cap\n");
        _live.Units["cloudshark.service"] = FakeLiveSystem.Unit("cloudshark.service", requiresMountsFor: ["/cap/", "/var"]);

        Assert.True((await CloudSharkUnit().CheckAsync(CancellationToken.None)).IsCompliant);
    }

    public void Dispose() => _tree.Dispose();

    private MemcachedRule Memcached() => new(MemcachedOptions.For(Platform.RedHat), _tree.HostWith(_live));

    private MariaDbRule MariaDb() => new(MariaDbOptions.For(Platform.RedHat), _tree.HostWith(_live));

    private CloudSharkUnitRule CloudSharkUnit() => new(CloudSharkUnitOptions.Default, _tree.HostWith(_live));
}
