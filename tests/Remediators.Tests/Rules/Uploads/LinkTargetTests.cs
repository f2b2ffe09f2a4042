using CloudSharkHardening.Remediators.Rules.Uploads;

namespace CloudSharkHardening.Remediators.Tests.Rules.Uploads;

public sealed class LinkTargetTests
{
    [Theory]
    [InlineData("/var/www/shared", "/cap", "/cap")]
    [InlineData("/var/www/shared", "/cap/", "/cap")]
    [InlineData("/var/www/shared", "cap", "/var/www/shared/cap")]
    [InlineData("/var/www/shared", "./cap/.", "/var/www/shared/cap")]
    [InlineData("/var/www/shared", "../../../cap", "/cap")]
    [InlineData("/var/www/shared", "../../../../../cap", "/cap")]
    [InlineData("/var/www/shared", "../x/../y", "/var/www/y")]
    [InlineData("/", "cap", "/cap")]
    public void Resolve_Target_NamesThePathTheLinkPointsAt(string directory, string target, string expected)
    {
        Assert.Equal(expected, LinkTarget.Resolve(directory, target));
    }
}
