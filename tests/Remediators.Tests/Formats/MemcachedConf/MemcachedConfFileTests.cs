using CloudSharkHardening.Remediators.Formats.MemcachedConf;
using CloudSharkHardening.Remediators.Tests.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Formats.MemcachedConf;

public sealed class MemcachedConfFileTests
{
    [Fact]
    public void Parse_Debian12Default_RendersByteForByte()
    {
        var text = MemcachedFixture.Read(MemcachedFixture.Debian12Conf);

        Assert.Equal(text, MemcachedConfFile.Parse(text).Render());
    }

    [Fact]
    public void ArgumentWords_Debian12Default_AreWhatTheWrapperPassesToMemcached()
    {
        var file = MemcachedConfFile.Parse(MemcachedFixture.Read(MemcachedFixture.Debian12Conf));

        // "-d" is dropped by the wrapper, "logfile" is a directive and "# -v" a comment.
        Assert.Equal(
            ["-m", "64", "-p", "11211", "-u", "memcache", "-l", "127.0.0.1", "-P", "/var/run/memcached/memcached.pid"],
            file.ArgumentWords().Select(word => word.Word));
    }

    [Theory]
    [InlineData("", MemcachedConfLineKind.Blank)]
    [InlineData(" \t", MemcachedConfLineKind.Blank)]
    [InlineData("# -l 0.0.0.0", MemcachedConfLineKind.Comment)]
    [InlineData("   #indented", MemcachedConfLineKind.Comment)]
    [InlineData("logfile /var/log/memcached.log", MemcachedConfLineKind.Directive)]
    [InlineData("-l 127.0.0.1", MemcachedConfLineKind.Options)]
    [InlineData("  --udp-port=0 # off", MemcachedConfLineKind.Options)]
    public void Parse_Line_Classifies(string text, MemcachedConfLineKind kind)
    {
        Assert.Equal(kind, MemcachedConfLine.Parse(text).Kind);
    }

    [Fact]
    public void Parse_TrailingComment_IsKeptOutOfTheWords()
    {
        var line = MemcachedConfLine.Parse("  -l   127.0.0.1\t# loopback only # really");

        Assert.Equal("  ", line.Indent);
        Assert.Equal("-l   127.0.0.1", line.Body);
        Assert.Equal("\t# loopback only # really", line.Tail);
        Assert.Equal(["-l", "127.0.0.1"], line.Words.AsEnumerable());
    }

    [Theory]
    [InlineData("-d", false)]
    [InlineData("-dl 0.0.0.0", false)]
    [InlineData("-h", false)]
    [InlineData("--daemon", true)]
    [InlineData("-vl 0.0.0.0", true)]
    [InlineData("logfile /x", false)]
    public void IsPassedToMemcached_FollowsTheDebianWrapper(string text, bool passed)
    {
        Assert.Equal(passed, MemcachedConfLine.Parse(text).IsPassedToMemcached);
    }

    [Fact]
    public void WithBody_KeepsIndentAndTrailingComment()
    {
        var line = MemcachedConfLine.Parse("  -l 0.0.0.0   # was public");

        Assert.Equal("  -l 127.0.0.1   # was public", line.WithBody("-l 127.0.0.1"));
    }

    [Fact]
    public void WithLine_ChangesOnlyThatLine()
    {
        var file = MemcachedConfFile.Parse("# head\n-l 0.0.0.0\n-m 64");

        Assert.Equal("# head\n-l 127.0.0.1\n-m 64", file.WithLine(1, "-l 127.0.0.1").Render());
    }

    [Theory]
    [InlineData("-m 64\n", "-m 64\n-l 127.0.0.1\n-U 0\n")]
    [InlineData("-m 64", "-m 64\n-l 127.0.0.1\n-U 0\n")]
    [InlineData("", "-l 127.0.0.1\n-U 0\n")]
    [InlineData("\n", "\n-l 127.0.0.1\n-U 0\n")]
    public void Append_EndsEveryLineWithANewline(string text, string expected)
    {
        Assert.Equal(expected, MemcachedConfFile.Parse(text).Append(["-l 127.0.0.1", "-U 0"]).Render());
    }
}
