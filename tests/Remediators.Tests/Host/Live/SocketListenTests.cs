using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Tests.Host.Live;

public sealed class SocketListenTests
{
    [Theory]
    [InlineData("Stream", "[::]:3306", "tcp", "::", 3306, true)]
    [InlineData("Stream", "[::]:3306", "tcp", "0.0.0.0", 3306, true)] // dual-stack: IPv4 too
    [InlineData("Stream", "3306", "tcp", "10.0.0.5", 3306, true)] // a bare port is every address
    [InlineData("Stream", "[::]:3306", "udp", "::", 3306, false)]
    [InlineData("Stream", "[::]:3306", "tcp", "::", 3307, false)]
    [InlineData("Datagram", "0.0.0.0:514", "udp", "0.0.0.0", 514, true)]
    [InlineData("Datagram", "0.0.0.0:514", "tcp", "0.0.0.0", 514, false)]
    [InlineData("Stream", "127.0.0.1:3306", "tcp", "0.0.0.0", 3306, false)]
    [InlineData("Stream", "127.0.0.1:3306", "tcp", "::ffff:127.0.0.1", 3306, true)]
    [InlineData("Stream", "[fe80::1%eth0]:80", "tcp", "fe80::1", 80, true)]
    [InlineData("Stream", "/run/mysqld/mysqld.sock", "tcp", "::", 3306, false)]
    [InlineData("Stream", "vsock:2:3306", "tcp", "::", 3306, false)]
    [InlineData("SequentialPacket", "[::]:3306", "tcp", "::", 3306, false)]
    [InlineData("Stream", "[::]:99999", "tcp", "::", 99999, false)]
    public void Covers_MatchesTransportPortAndAddress(string type, string address, string transport, string listenerAddress, int port, bool covers)
    {
        var listener = new Listener(transport == "tcp" ? Transport.Tcp : Transport.Udp, IPAddress.Parse(listenerAddress), port, 1, 0, null);

        Assert.Equal(covers, new SocketListen(type, address).Covers(listener));
    }
}
