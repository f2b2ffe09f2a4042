using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class MemcachedOptionsTests
{
    [Fact]
    public void For_RedHat_IsTheSysconfigFile()
    {
        var options = MemcachedOptions.For(Platform.RedHat);

        Assert.Equal("/etc/sysconfig/memcached", options.ConfigFile);
        Assert.Equal(MemcachedConfigFormat.Sysconfig, options.Format);
        Assert.Equal(["127.0.0.1"], options.ListenAddresses.AsEnumerable());
        Assert.Equal("memcached.service", options.Unit);
    }

    [Fact]
    public void For_Debian_IsMemcachedConf()
    {
        var options = MemcachedOptions.For(Platform.Debian);

        Assert.Equal("/etc/memcached.conf", options.ConfigFile);
        Assert.Equal(MemcachedConfigFormat.DebianConf, options.Format);
        Assert.Equal(["127.0.0.1"], options.ListenAddresses.AsEnumerable());
        Assert.Equal("memcached.service", options.Unit);
    }
}
