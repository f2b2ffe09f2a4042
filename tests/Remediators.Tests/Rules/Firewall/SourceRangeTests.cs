using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed class SourceRangeTests
{
    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.0/16", false, "-s 10.1.0.0/16 ")]
    [InlineData("192.0.2.7", "192.0.2.7/32", false, "-s 192.0.2.7/32 ")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", false, "")]
    [InlineData("2001:DB8::/32", "2001:db8::/32", true, "-s 2001:db8::/32 ")]
    [InlineData("2001:0:0:1:0:0:0:0/64", "2001:0:0:1::/64", true, "-s 2001:0:0:1::/64 ")]
    [InlineData("fd00:c5:213::2", "fd00:c5:213::2/128", true, "-s fd00:c5:213::2/128 ")]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104", true, "-s ::ffff:10.0.0.0/104 ")]
    [InlineData("::/0", "::/0", true, "")]
    public void TryParse_ValidRanges_PrintAsIptablesSaveDoes(string text, string printed, bool ipv6, string match)
    {
        Assert.True(SourceRange.TryParse(text, out var range, out var problem), problem);

        Assert.Equal(printed, range.ToString());
        Assert.Equal(ipv6, range.IsIPv6);
        Assert.Equal(match, range.SourceMatch);
    }

    [Theory]
    [InlineData("10.1.2.3/16", "has address bits set beyond its /16 prefix; the network is 10.1.0.0/16")]
    [InlineData("2001:db8::1/32", "has address bits set beyond its /32 prefix; the network is 2001:db8::/32")]
    [InlineData("10.0.0.0/33", "has no valid prefix length (0 to 32) after the /")]
    [InlineData("10.0.0.0/08", "has no valid prefix length (0 to 32) after the /")]
    [InlineData("2001:db8::/129", "has no valid prefix length (0 to 128) after the /")]
    [InlineData("10.0.0.0/", "has no valid prefix length (0 to 32) after the /")]
    [InlineData("010.0.0.0/8", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData("10.1/16", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData("256.0.0.0/8", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData(" 10.0.0.0/8", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData("fe80::1%eth0/64", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData("10.0.0.0/8/8", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData("anywhere", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    [InlineData("", "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32")]
    public void TryParse_InvalidRanges_SayWhatIsWrong(string text, string expected)
    {
        Assert.False(SourceRange.TryParse(text, out var range, out var problem));

        Assert.Null(range);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Equality_IsByNetworkAndPrefix()
    {
        Assert.Equal(SourceRange.Parse("2001:db8::/32"), SourceRange.Parse("2001:0DB8:0::/32"));
        Assert.NotEqual(SourceRange.Parse("10.0.0.0/8"), SourceRange.Parse("10.0.0.0/16"));
    }
}
