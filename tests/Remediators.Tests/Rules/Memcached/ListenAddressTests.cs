using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.0.9", true)]
    [InlineData("127.0.0.1:11211", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("0:0:0:0:0:0:0:1", true)]
    [InlineData("[::1]", true)]
    [InlineData("[::1]:11211", true)]
    [InlineData("localhost", true)]
    [InlineData("localhost:11211", true)]
    [InlineData("notls:127.0.0.1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("[::]:11211", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("128.0.0.1", false)]
    [InlineData("0:0:0:0:0:0:0:2", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("", false)]
    [InlineData("[::1", false)]
    public void IsLoopback_JudgesTheHostPart(string entry, bool loopback)
    {
        Assert.Equal(loopback, ListenAddress.IsLoopback(entry));
    }
}
