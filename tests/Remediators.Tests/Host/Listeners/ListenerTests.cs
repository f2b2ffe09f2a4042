using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

public sealed class ListenerTests
{
    [Theory]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("127.255.0.9", true, false)]
    [InlineData("::1", true, false)]
    [InlineData("::ffff:127.0.0.1", true, false)]
    [InlineData("::ffff:127.8.9.10", true, false)]
    [InlineData("0.0.0.0", false, true)]
    [InlineData("::", false, true)]
    [InlineData("::ffff:0.0.0.0", false, true)]
    [InlineData("10.0.0.5", false, false)]
    [InlineData("128.0.0.1", false, false)]
    [InlineData("::ffff:10.0.0.5", false, false)]
    [InlineData("::2", false, false)]
    [InlineData("::127.0.0.1", false, false)]
    [InlineData("fe80::1", false, false)]
    public void IsLoopbackAndIsWildcard_ClassifyTheBoundAddress(string address, bool loopback, bool wildcard)
    {
        var listener = new Listener(Transport.Tcp, IPAddress.Parse(address), 11211, 1, 0, null);

        Assert.Equal(loopback, listener.IsLoopback);
        Assert.Equal(wildcard, listener.IsWildcard);
    }

    [Fact]
    public void ToString_OwnerWithoutUnit_NamesProcessAndPid()
    {
        var listener = new Listener(Transport.Tcp, IPAddress.IPv6Any, 3306, 1, 0, new SocketOwner(1, "systemd", null));

        Assert.Equal("tcp [::]:3306 (systemd, pid 1)", listener.ToString());
    }

    [Fact]
    public void ToString_OwnerWithUnit_NamesTheUnitToo()
    {
        var listener = new Listener(Transport.Udp, IPAddress.Any, 11211, 1, 103, new SocketOwner(412, "memcached", "memcached.service"));

        Assert.Equal("udp 0.0.0.0:11211 (memcached, pid 412, memcached.service)", listener.ToString());
    }
}
