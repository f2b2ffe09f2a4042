using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

/// <summary>Sockets tied to processes through a fake /proc/PID/fd, comm and cgroup.</summary>
public sealed class ListenerProbeOwnerTests
{
    private const string CgroupV1Init = "12:pids:/init.scope\n11:memory:/init.scope\n4:cpu,cpuacct:/init.scope\n1:name=systemd:/init.scope\n";
    private const string CgroupV2Memcached = "0::/system.slice/memcached.service\n";

    [Fact]
    public void Listeners_SocketsHeldByProcesses_CarryTheirPidNameAndUnit()
    {
        using var tree = new TempTree().WithTables()
            .WithProcess(412, "memcached", CgroupV2Memcached, 623515, 623523, 623521)
            .WithProcess(1, "systemd", CgroupV1Init, 623519);

        var listeners = new ListenerProbe(tree.Files).Listeners().ToDictionary(listener => listener.Inode);

        var memcached = new SocketOwner(412, "memcached", "memcached.service");
        Assert.Equal(memcached, listeners[623515].Owner);
        Assert.Equal(memcached, listeners[623523].Owner);
        Assert.Equal(new SocketOwner(1, "systemd", "init.scope"), listeners[623519].Owner);
        Assert.Equal("udp 0.0.0.0:11211 (memcached, pid 412, memcached.service)", listeners[623523].ToString());
        Assert.Equal("tcp [::]:443 (systemd, pid 1, init.scope)", listeners[623519].ToString());
    }

    [Fact]
    public void Listeners_SocketNobodyHolds_HasNoOwnerButKeepsItsUid()
    {
        using var tree = new TempTree().WithTables().WithProcess(412, "memcached", CgroupV2Memcached, 623515);

        var mysql = Assert.Single(new ListenerProbe(tree.Files).Listeners(), listener => listener.Inode == 623518);

        Assert.Null(mysql.Owner);
        Assert.Equal(102u, mysql.UserId);
        Assert.Equal("tcp [::1]:3306 (owner unknown, uid 102)", mysql.ToString());
    }

    [Fact]
    public void Listeners_SocketSharedByTwoProcesses_ReportsTheLowestPid()
    {
        // systemd holds a socket unit's socket and hands it to the service; ordinal order would put 1000 before 999.
        using var tree = new TempTree().WithTables()
            .WithProcess(1000, "mariadbd", "0::/system.slice/mariadb.service\n", 623518)
            .WithProcess(999, "mariadbd-helper", "0::/system.slice/mariadb.service\n", 623518)
            .WithProcess(1, "systemd", "0::/init.scope\n", 623518);

        var mysql = Assert.Single(new ListenerProbe(tree.Files).Listeners(), listener => listener.Inode == 623518);

        Assert.Equal(new SocketOwner(1, "systemd", "init.scope"), mysql.Owner);
    }

    [Fact]
    public void Listeners_ProcessesThatVanishedOrHideTheirDescriptors_AreSkipped()
    {
        using var tree = new TempTree().WithTables()
            .WithProcess(412, "memcached", CgroupV2Memcached, 623515)
            .Write("/proc/77/comm", "exited\n") // its fd directory is already gone
            .Symlink("/proc/88/fd/3", "socket:[623516]") // gone before its comm could be read
            .Symlink("/proc/self", "412")
            .Write("/proc/sys/kernel/pid_max", "4194304\n");

        var listeners = new ListenerProbe(tree.Files).Listeners().ToDictionary(listener => listener.Inode);

        Assert.Equal(412, listeners[623515].Owner?.ProcessId);
        Assert.Null(listeners[623516].Owner);
    }

    [Fact]
    public void Listeners_ProcessWithoutCgroupFile_HasNoUnit()
    {
        using var tree = new TempTree().WithTables().WithProcess(412, "memcached", cgroup: null, 623515);

        var listener = Assert.Single(new ListenerProbe(tree.Files).Listeners(), listener => listener.Inode == 623515);

        Assert.Equal(new SocketOwner(412, "memcached", null), listener.Owner);
    }

    [Fact]
    public void Listeners_DescriptorLinksThatAreNotSocketsOfInterest_AreIgnored()
    {
        using var tree = new TempTree().WithTables()
            .WithProcess(412, "memcached", CgroupV2Memcached)
            .Symlink("/proc/412/fd/7", "socket:[623515")
            .Symlink("/proc/412/fd/8", "/tmp/socket:[623515]")
            .Symlink("/proc/412/fd/9", "socket:[623521]") // an ESTABLISHED socket, not a listener
            .Write("/proc/412/fd/10", "socket:[623515]"); // a file, not a link

        var listener = Assert.Single(new ListenerProbe(tree.Files).Listeners(), listener => listener.Inode == 623515);

        Assert.Null(listener.Owner);
    }

    [Fact]
    public void UnixListeners_SocketHeldByAProcess_CarriesItsOwner()
    {
        using var tree = new TempTree().WithTables()
            .WithProcess(577, "mariadbd", "1:name=systemd:/system.slice/mariadb.service\n0::/system.slice/mariadb.service\n", 623528, 623531);

        var listeners = new ListenerProbe(tree.Files).UnixListeners();

        Assert.Equal(new SocketOwner(577, "mariadbd", "mariadb.service"), Assert.Single(listeners, listener => listener.Inode == 623528).Owner);
        Assert.Null(Assert.Single(listeners, listener => listener.Path == "@cloudshark-probe").Owner);
    }

    [Theory]
    [InlineData(623515L, true)] // tcp 127.0.0.1:11211
    [InlineData(623523L, true)] // udp 0.0.0.0:11211
    [InlineData(623528L, true)] // unix /tmp/cloudshark-probe/mysql.sock
    [InlineData(4242L, false)] // no socket of the tables: a connection, say
    public void UnitListens_WhetherAProcessOfTheUnitHoldsAListeningSocket(long inode, bool listens)
    {
        using var tree = new TempTree().WithTables()
            .WithProcess(1, "systemd", "0::/init.scope\n", 623519)
            .WithProcess(412, "memcached", CgroupV2Memcached, inode);

        Assert.Equal(listens, new ListenerProbe(tree.Files).UnitListens("memcached.service"));
    }

    [Fact]
    public void UnitListens_SocketHeldByAProcessOutsideTheUnit_IsFalseWhateverItsName()
    {
        using var tree = new TempTree().WithTables()
            .WithProcess(412, "memcached", CgroupV2Memcached)
            .WithProcess(5000, "memcached", "0::/user.slice/user-1000.slice/session-3.scope\n", 623515);

        Assert.False(new ListenerProbe(tree.Files).UnitListens("memcached.service"));
    }
}
