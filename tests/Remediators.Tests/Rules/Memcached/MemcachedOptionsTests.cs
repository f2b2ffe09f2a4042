using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class MemcachedOptionsTests
{
    [Theory]
    [InlineData(Platform.RedHat, "/etc/sysconfig/memcached", MemcachedConfigFormat.Sysconfig)]
    [InlineData(Platform.Debian, "/etc/memcached.conf", MemcachedConfigFormat.DebianConf)]
    public void For_Platform_IsTheDistributionsOwnFileOnLoopback(Platform platform, string file, MemcachedConfigFormat format)
    {
        var options = MemcachedOptions.For(platform);

        Assert.Equal(file, options.ConfigFile);
        Assert.Equal(format, options.Format);
        Assert.Equal(["127.0.0.1"], options.ListenAddresses.AsEnumerable());
        Assert.Equal("memcached.service", options.Unit);
    }
}
