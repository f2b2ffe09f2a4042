using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

/// <summary>The probe on this machine's own /proc, finding sockets this test opened.</summary>
public sealed class ListenerProbeLiveTests
{
    private static readonly ListenerProbe LiveProbe = new(new RootedFileSystem("/"));

    [Fact]
    public void Listeners_OwnTcpAndUdpSockets_AreFoundWithThisProcessAsOwner() =>
        AssertFindsOwnTcpAndUdpSockets(LiveProbe);

    [Fact]
    public void Listeners_AskedOverSockDiag_FindTheSameOwnSockets() =>
        AssertFindsOwnTcpAndUdpSockets(ListenerProbe.ForRunningSystem(new RootedFileSystem("/")));

    [Fact]
    public void Listeners_AskedOverSockDiag_AreTheRowsOfProcNet()
    {
        using var tcp = new TcpListener(IPAddress.IPv6Loopback, 0);
        tcp.Start();
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Any, 0));

        var fromKernel = ListenerProbe.ForRunningSystem(new RootedFileSystem("/")).Listeners();
        var fromProc = LiveProbe.Listeners();

        // Other processes may open and close sockets in between: compare this process's own.
        static string[] Own(IEnumerable<Listener> listeners) =>
            [.. listeners.Where(l => l.Owner?.ProcessId == Environment.ProcessId).Select(l => $"{l} inode {l.Inode}").Order(StringComparer.Ordinal)];
        Assert.Equal(Own(fromProc), Own(fromKernel));
        Assert.Equal(2, Own(fromKernel).Length);
    }

    private static void AssertFindsOwnTcpAndUdpSockets(ListenerProbe probe)
    {
        using var tcp = new TcpListener(IPAddress.Loopback, 0);
        tcp.Start();
        using var udp = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        var tcpPort = ((IPEndPoint)tcp.LocalEndpoint).Port;
        var udpPort = ((IPEndPoint)udp.LocalEndPoint!).Port;

        var listeners = probe.Listeners();

        var tcpListener = Assert.Single(listeners, listener => listener.Transport == Transport.Tcp && listener.Port == tcpPort && listener.Address.Equals(IPAddress.Loopback));
        var udpListener = Assert.Single(listeners, listener => listener.Transport == Transport.Udp && listener.Port == udpPort && listener.Address.Equals(IPAddress.IPv6Any));
        Assert.True(tcpListener.IsLoopback);
        Assert.True(udpListener.IsWildcard);
        AssertOwnedByThisProcess(tcpListener.Owner);
        AssertOwnedByThisProcess(udpListener.Owner);
    }

    [Fact]
    public void UnixListeners_OwnListeningSocket_IsFoundWithThisProcessAsOwner()
    {
        var directory = Directory.CreateTempSubdirectory("cloudshark-probe-");
        try
        {
            var path = Path.Combine(directory.FullName, "probe.sock");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen();

            var listener = Assert.Single(LiveProbe.UnixListeners(), listener => listener.Path == path);

            AssertOwnedByThisProcess(listener.Owner);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void AssertOwnedByThisProcess(SocketOwner? owner)
    {
        Assert.NotNull(owner);
        Assert.Equal(Environment.ProcessId, owner.ProcessId);
        using var self = Process.GetCurrentProcess();
        var name = self.ProcessName;
        Assert.Equal(name[..Math.Min(name.Length, 15)], owner.ProcessName); // the kernel keeps 15 characters
    }
}
