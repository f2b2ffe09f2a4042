using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Rules.SocketUnits;

namespace CloudSharkHardening.Remediators.Tests.Rules.SocketUnits;

public sealed class SocketUnitAddressTests
{
    [Theory]
    [InlineData("Stream", "3306", "Tcp", null, 3306, false)]
    [InlineData("Stream", "0.0.0.0:3306", "Tcp", "0.0.0.0", 3306, false)]
    [InlineData("Stream", "[::]:3306", "Tcp", "::", 3306, false)]
    [InlineData("Stream", "127.0.0.1:11211", "Tcp", "127.0.0.1", 11211, true)]
    [InlineData("Datagram", "[::1]:11211", "Udp", "::1", 11211, true)]
    [InlineData("Stream", "[fe80::1%eth0]:80", "Tcp", "fe80::1", 80, false)]
    [InlineData("SequentialPacket", "[::ffff:127.0.0.1]:5", "Tcp", "::ffff:127.0.0.1", 5, true)]
    public void Parse_NetworkAddresses(string kind, string text, string transport, string? address, int port, bool loopback)
    {
        var parsed = SocketUnitAddress.Parse(kind, text);

        Assert.NotNull(parsed);
        Assert.Equal(Enum.Parse<Transport>(transport), parsed.Transport);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), parsed.Address);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(loopback, parsed.IsLoopback);
    }

    [Theory]
    [InlineData("Stream", "/run/mysqld/mysqld.sock")]
    [InlineData("Stream", "@mariadb")]
    [InlineData("FIFO", "/run/x.fifo")]
    [InlineData("Netlink", "kobject-uevent 1")]
    [InlineData("Stream", "vsock:2:1234")]
    [InlineData("Stream", "70000")]
    [InlineData("Stream", "")]
    public void Parse_LocalOrNonIpAddresses_AreNotNetwork(string kind, string text) =>
        Assert.Null(SocketUnitAddress.Parse(kind, text));
}
