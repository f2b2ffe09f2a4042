using CloudSharkHardening.Remediators.Audit.Passwords;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Tests.Audit.Passwords;

/// <summary>The real libcrypt of this machine, on hashes made by chpasswd-style crypt(3).</summary>
public sealed class SystemCryptTests
{
    private const string ShippedYescrypt = "$y$j9T$Qm9VxK2c1aS7pLd0Xw3eF.$kMil8Zz0wR/QkcYtVQc.KdqlsHaGuAZ5ZL406IHwTC1";
    private const string ShippedSha512WithRounds = "$6$rounds=5000$Hq3vWb8sLm2Xy7Tz$6VYhtPMclSfkssJZbLZFmC9sl.GZuKSFSX/WePgJ5e44nd.8CBYGDGUi1RXgJCwSZ1VRCgNfGSdmKV93rNSVL1";

    [Theory]
    [InlineData(ShippedYescrypt)]
    [InlineData(ShippedSha512WithRounds)]
    [InlineData("$1$4MtxAYTM$g/oO0vC3fOGmKd0Q1zZtr0")]
    [InlineData("$2b$12$8oP07XZCoW7yekdBpiLllOwvC29gRu.968B3m2NeUytqlm99DzrJu")]
    public void Matches_ShippedPasswordAgainstItsOwnHash_IsTrue(string hash)
    {
        Assert.True(SystemCrypt.Matches("cloudshark", hash));
    }

    [Theory]
    [InlineData("Cloudshark")]
    [InlineData("cloudshark ")]
    [InlineData("")]
    public void Matches_AnyOtherPassword_IsFalse(string phrase)
    {
        Assert.False(SystemCrypt.Matches(phrase, ShippedYescrypt));
        Assert.False(SystemCrypt.Matches(phrase, ShippedSha512WithRounds));
    }

    [Fact]
    public void Matches_HashOfAnUnknownMethod_ThrowsSayingSoWithoutTheHash()
    {
        var e = Assert.Throws<HardeningException>(() => SystemCrypt.Matches("cloudshark", "$99$nosuchmethod$abcdef"));

        Assert.Contains("does not support", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef", e.Message, StringComparison.Ordinal);
    }
}
