using System.Net;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Listeners;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Listeners;

public sealed class ForeignListenersCheckTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FakeLiveSystem _live = new();

    public ForeignListenersCheckTests() =>
        _tree.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ncloudshark:x:1000:1000::/home/cloudshark:/bin/bash\n");

    [Fact]
    public async Task Run_ProcessCalledMemcachedOutsideItsUnitOnItsPort_IsAFindingNamingProcessPidUserAndPort()
    {
        _live.Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service", pid: 420);
        _live.Sockets.Add(new Listener(Transport.Udp, IPAddress.Any, 11211, 99, 1000, new SocketOwner(5000, "memcached", "session-3.scope")));

        var finding = Assert.Single(await RunAsync());

        Assert.Equal("listener.foreign.udp.11211", finding.Id);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("UDP port 11211 belongs to memcached.service, but a process outside it holds it: memcached (pid 5000, session-3.scope)", finding.Title);
        Assert.Equal(["udp 0.0.0.0:11211 (memcached, pid 5000, session-3.scope); user cloudshark (uid 1000)"], finding.Evidence);
        Assert.Contains("does not restart memcached.service", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LoopbackSquatterOnTheDatabasePortInNoUnit_IsAFinding()
    {
        _live.Sockets.Add(new Listener(Transport.Tcp, IPAddress.Loopback, 3306, 98, 1000, new SocketOwner(5001, "x", null)));

        var finding = Assert.Single(await RunAsync());

        Assert.Equal("listener.foreign.tcp.3306", finding.Id);
        Assert.Contains("x (pid 5001, in no unit)", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TheServicesOwnSocketsSystemdsSocketUnitsOtherPortsAndUnseenOwners_AreNoFinding()
    {
        _live.Listen(Transport.Udp, "0.0.0.0", 11211, "memcached", "memcached.service", pid: 420)
            .Listen(Transport.Tcp, "::", 3306, "systemd", "init.scope", pid: 1)
            .Listen(Transport.Tcp, "0.0.0.0", 8080, "memcached", "session-3.scope", pid: 5000);
        _live.Sockets.Add(new Listener(Transport.Tcp, IPAddress.Any, 3306, 98, 27, null));

        Assert.Empty(await RunAsync());
    }

    public void Dispose() => _tree.Dispose();

    private Task<IReadOnlyList<Finding>> RunAsync() =>
        new ForeignListenersCheck(_live, _tree.Host.Accounts, ExposedListenersCheckTests.Units).RunAsync(CancellationToken.None);
}
