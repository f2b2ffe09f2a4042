using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class DebianConfMemcachedEditorTests
{
    [Fact]
    public void Harden_Debian12Default_KeepsItsListenLineAndAppendsUdpOff()
    {
        var text = MemcachedFixture.Read(MemcachedFixture.Debian12Conf);

        var edit = Harden(text);

        Assert.Equal("127.0.0.1, UDP unset", edit.Before.Describe());
        Assert.Equal(text + "-U 0\n", edit.After);
    }

    [Fact]
    public void Harden_PublicListenLine_IsRewrittenInPlaceKeepingItsComment()
    {
        var edit = Harden("-m 64\n  -l 0.0.0.0   # all interfaces\n-p 11211\n-U 0\n");

        Assert.Equal("-m 64\n  -l 127.0.0.1   # all interfaces\n-p 11211\n-U 0\n", edit.After);
    }

    [Fact]
    public void Harden_SeveralListenAndUdpLines_FirstRewrittenOthersCommentedOut()
    {
        var edit = Harden("-l 10.0.0.5\n-U 11211\n-m 64\n--listen=127.0.0.1\n--udp-port 11211\n");

        Assert.Equal(
            "-l 127.0.0.1\n-U 0\n-m 64\n"
            + NeutralisedLine.Comment("--listen=127.0.0.1", "replaced by the -l line above (loopback only)") + "\n"
            + NeutralisedLine.Comment("--udp-port 11211", "replaced by the -U 0 line above (UDP off)") + "\n",
            edit.After);
    }

    [Theory]
    [InlineData("-m 64\n", "-m 64\n-l 127.0.0.1\n-U 0\n")]
    [InlineData("-m 64", "-m 64\n-l 127.0.0.1\n-U 0\n")]
    [InlineData("", "-l 127.0.0.1\n-U 0\n")]
    [InlineData("-U 0\n# -l 127.0.0.1\n", "-U 0\n# -l 127.0.0.1\n-l 127.0.0.1\n")]
    public void Harden_MissingOptions_AreAppendedAtTheEnd(string text, string expected)
    {
        Assert.Equal(expected, Harden(text).After);
    }

    [Theory]
    [InlineData("-l 127.0.0.1\n-U 0\n")]
    [InlineData("--listen=localhost\n--udp-port=0 # off\nlogfile /var/log/memcached.log\n")]
    [InlineData("-l 127.0.0.1,::1\n-vU0\n-d\n")]
    [InlineData("-l 127.0.0.1 -U 0")]
    public void Harden_AlreadyCompliant_ReturnsTheTextUnchanged(string text)
    {
        var edit = Harden(text);

        Assert.True(edit.Before.IsCompliant);
        Assert.Same(text, edit.After);
    }

    [Fact]
    public void Harden_LinesTheWrapperDrops_DoNotCount()
    {
        var edit = Harden("-dl 0.0.0.0\n-l 127.0.0.1\n-U 0\n# -l 0.0.0.0\nlogfile -l\n");

        Assert.True(edit.Before.IsCompliant);
    }

    [Theory]
    [InlineData("-l 0.0.0.0 -U 0\n", "other options besides -l")]
    [InlineData("-l 127.0.0.1 -t 4 -U 11211\n", "other options besides -U")]
    [InlineData("-vl 0.0.0.0\n-U 0\n", "other options besides -l")]
    [InlineData("-l\n-p 11211\n-U 0\n", "later line")]
    [InlineData("-l $(hostname -i)\n", "'$'")]
    [InlineData("-l \"127.0.0.1\"\n", "'\"'")]
    [InlineData("-m 64; rm -rf /\n", "';'")]
    [InlineData("-l 127.0.0.1\n-t\n", "'-t'")]
    public void Harden_LinesItCannotEditSafely_RefusesNamingTheProblem(string text, string problem)
    {
        var error = Assert.Throws<UnsupportedFileException>(() => Harden(text));

        Assert.Equal("/etc/memcached.conf", error.Path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Harden_IPv6InBrackets_IsAccepted()
    {
        Assert.True(Harden("-l [::1]:11211\n-U 0\n").Before.IsCompliant);
    }

    [Fact]
    public void Create_WritesTheTwoOptionLines()
    {
        Assert.Equal("-l 127.0.0.1,::1\n-U 0\n", new DebianConfMemcachedEditor().Create("127.0.0.1,::1"));
    }

    private static MemcachedConfigEdit Harden(string text) =>
        new DebianConfMemcachedEditor().Harden(new TextFile("/etc/memcached.conf", text), "127.0.0.1");
}
