using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class MemcachedSocketsTests
{
    [Theory]
    [InlineData("-l 127.0.0.1 -U 0")]
    [InlineData("--listen=localhost -U 0")]
    [InlineData("--listen localhost --udp-port 0")]
    [InlineData("-l 127.0.0.1,::1 -U 0")]
    [InlineData("-l127.0.0.1 -U0")]
    [InlineData("-l [::1] -l 127.0.0.1:11211 -U 0")]
    [InlineData("-l [::1]:11211,127.9.9.9 -U 0")]
    [InlineData("-l LOCALHOST -U 0")]
    [InlineData("-l notls:127.0.0.1:11211 -U 0")]
    [InlineData("-l 127.0.0.1 -vU0")]
    [InlineData("-l 127.0.0.1 --udp-port=0")]
    [InlineData("-l 127.0.0.1 --udp=0")]
    [InlineData("-vl 127.0.0.1 -U 00")]
    [InlineData("-U 11211 -t 4 -l 127.0.0.1 -U 0")]
    [InlineData("-l 127.0.0.1, -U 0")]
    public void IsCompliant_LoopbackAndUdpOff_True(string commandLine)
    {
        Assert.True(Sockets(commandLine).IsCompliant, Sockets(commandLine).Describe());
    }

    [Theory]
    [InlineData("-U 0", "all interfaces, UDP off")]
    [InlineData("-l 0.0.0.0 -U 0", "0.0.0.0, UDP off")]
    [InlineData("-l 10.0.0.5,127.0.0.1 -U 0", "10.0.0.5,127.0.0.1, UDP off")]
    [InlineData("-l 127.0.0.1 -l 10.0.0.5 -U 0", "127.0.0.1,10.0.0.5, UDP off")]
    [InlineData("-l :: -U 0", "::, UDP off")]
    [InlineData("-l [::]:11211 -U 0", "[::]:11211, UDP off")]
    [InlineData("-l myhost -U 0", "myhost, UDP off")]
    [InlineData("-l localhost.localdomain -U 0", "localhost.localdomain, UDP off")]
    [InlineData("-l , -U 0", "-l without an address, UDP off")]
    [InlineData("-U 0 -l", "-l without an address, UDP off")]
    [InlineData("-l 127.0.0.1", "127.0.0.1, UDP unset")]
    [InlineData("-l 127.0.0.1 -U 0 -U 11211", "127.0.0.1, UDP 11211")]
    [InlineData("-l 127.0.0.1 -U 1", "127.0.0.1, UDP 1")]
    [InlineData("-l 127.0.0.1 -U", "127.0.0.1, UDP without a port")]
    [InlineData("-l 127.0.0.1 -- -U 0", "127.0.0.1, UDP unset")]
    public void IsCompliant_ExposedOrUdpNotExplicitlyOff_FalseAndDescribed(string commandLine, string description)
    {
        var sockets = Sockets(commandLine);

        Assert.False(sockets.IsCompliant);
        Assert.Equal(description, sockets.Describe());
    }

    [Theory]
    [InlineData("-t 4 -U 0")]
    [InlineData("-c 1024 -m 64 -U 0")]
    [InlineData("-P /run/l.pid -U 0")]
    [InlineData("-o modern,lru_crawler -U 0")]
    [InlineData("-D l -U 0")]
    [InlineData("-u l -U 0")]
    [InlineData("--threads -l -U 0")]
    public void ListensOnLoopbackOnly_ValuesOfOtherOptions_AreNeverReadAsListen(string commandLine)
    {
        var sockets = Sockets(commandLine);

        Assert.Empty(sockets.Listens);
        Assert.Equal("all interfaces, UDP off", sockets.Describe());
    }

    [Theory]
    [InlineData("-l 127.0.0.1 -t 0")]
    [InlineData("-l 127.0.0.1 -p 0")]
    [InlineData("-l 127.0.0.1 -c 0")]
    [InlineData("-l 127.0.0.1 -vC -R 0")]
    [InlineData("-l 127.0.0.1 -l -U")]
    public void UdpIsOff_ZeroGivenToAnotherOption_False(string commandLine)
    {
        Assert.False(Sockets(commandLine).UdpIsOff);
    }

    [Fact]
    public void UdpIsOff_LastOccurrenceWins()
    {
        Assert.False(Sockets("-U 0 -t 4 -U 11211").UdpIsOff);
        Assert.True(Sockets("-U 11211 -t 4 -U 0").UdpIsOff);
    }

    [Fact]
    public void IsCompliant_ShortFlagClusters_AreReadLikeGetopt()
    {
        // -C (disable CAS) takes no value, so "U0" continues the cluster; -R takes the rest.
        Assert.True(Sockets("-l 127.0.0.1 -vCU0").UdpIsOff);
        Assert.False(Sockets("-l 127.0.0.1 -RU0").UdpIsOff);
        Assert.True(Sockets("-kvvl127.0.0.1 -U 0").ListensOnLoopbackOnly);
    }

    [Theory]
    [InlineData("--list=127.0.0.1 -U 0")]
    [InlineData("--lis 127.0.0.1 -U 0")]
    public void ListensOnLoopbackOnly_AmbiguousLongAbbreviation_IsNoListenOption(string commandLine)
    {
        Assert.Empty(Sockets(commandLine).Listens);
    }

    internal static MemcachedSockets Sockets(string commandLine) =>
        MemcachedSockets.From(MemcachedCommandLine.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
