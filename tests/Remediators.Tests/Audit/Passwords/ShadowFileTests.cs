using CloudSharkHardening.Remediators.Audit.Passwords;

namespace CloudSharkHardening.Remediators.Tests.Audit.Passwords;

public sealed class ShadowFileTests
{
    [Fact]
    public void Parse_TestBedShadow_ReadsEveryLineAsAnEntry()
    {
        var text = ShadowFixtures.Read("debian12-testbed");

        var shadow = ShadowFile.Parse(text);

        Assert.Empty(shadow.MalformedLines);
        Assert.Equal(text.TrimEnd('\n').Split('\n').Length, shadow.Entries.Count);
        Assert.Equal(PasswordKind.NoLogin, shadow.Find("root")!.Kind);
        Assert.Equal(PasswordKind.Hashed, shadow.Find("cloudshark")!.Kind);
        Assert.Equal("yescrypt", shadow.Find("cloudshark")!.HashMethod);
        Assert.Equal(PasswordKind.Locked, shadow.Find("memcached")!.Kind);
        Assert.Equal(PasswordKind.Locked, shadow.Find("systemd-network")!.Kind);
    }

    [Fact]
    public void Parse_DamagedShadow_SkipsWhatGlibcSkipsAndKeepsTheRest()
    {
        var shadow = ShadowFile.Parse(ShadowFixtures.Read("damaged"));

        // 1: no colon; 2: a letter in an aging field; 3: NIS +; 5: NIS -; 9: five fields; 10: a space in the name.
        Assert.Equal([1, 2, 3, 5, 9, 10], shadow.MalformedLines);
        Assert.Equal(["bin", "cloudshark"], shadow.Entries.Select(entry => entry.Name));
        Assert.Null(shadow.Find("root"));
        Assert.Equal(8, shadow.Find("cloudshark")!.LineNumber);
    }

    [Fact]
    public void Parse_DuplicateAccount_FindReturnsTheFirstAsGetspnamDoes()
    {
        var shadow = ShadowFile.Parse("cloudshark:*:1:0:99999:7:::\ncloudshark::1:0:99999:7:::\n");

        Assert.Equal(PasswordKind.NoLogin, shadow.Find("cloudshark")!.Kind);
        Assert.Equal(1, shadow.Find("cloudshark")!.LineNumber);
    }

    [Theory]
    [InlineData("a:", PasswordKind.Empty)]
    [InlineData("a:!", PasswordKind.Locked)]
    [InlineData("a:!!", PasswordKind.Locked)]
    [InlineData("a:!$6$salt$hash", PasswordKind.Locked)]
    [InlineData("a:*", PasswordKind.NoLogin)]
    [InlineData("a:!*", PasswordKind.Locked)]
    [InlineData("a:$y$j9T$salt$hash", PasswordKind.Hashed)]
    public void Kind_PasswordField_TellsHowTheAccountLogsIn(string line, PasswordKind kind)
    {
        Assert.Equal(kind, ShadowFile.Parse(line).Find("a")!.Kind);
    }

    [Fact]
    public void ToString_NeverShowsTheHash()
    {
        var text = ShadowFixtures.Read("el9-shipped");
        var shadow = ShadowFile.Parse(text);

        var shown = string.Join("\n", shadow.Entries.Select(entry => entry.ToString()));

        Assert.Contains("cloudshark (/etc/shadow line 21)", shown, StringComparison.Ordinal);
        Assert.All(ShadowFixtures.Hashes(text), hash => Assert.DoesNotContain(hash, shown, StringComparison.Ordinal));
    }
}
