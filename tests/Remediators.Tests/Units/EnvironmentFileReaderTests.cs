using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Tests.Units;

public sealed class EnvironmentFileReaderTests
{
    private const string Path = "/etc/sysconfig/memcached";

    [Fact]
    public void Parse_ShippedSysconfig_GivesEveryVariableWithItsLine()
    {
        var content = Parse(Rules.Memcached.MemcachedFixture.Read(Rules.Memcached.MemcachedFixture.El9Sysconfig));

        Assert.Equal(
            [("PORT", "11211", 1), ("USER", "memcached", 2), ("MAXCONN", "1024", 3), ("CACHESIZE", "64", 4), ("OPTIONS", "-l 127.0.0.1,::1", 5)],
            content.Assignments.Select(a => (a.Name, a.Value, a.Source.Line)).ToArray());
        Assert.Empty(content.Problems);
    }

    [Theory]
    [InlineData("OPTIONS=-l 0.0.0.0   ", "-l 0.0.0.0")]
    [InlineData("  OPTIONS  =   -l  0.0.0.0", "-l  0.0.0.0")]
    [InlineData("OPTIONS='-l \"x\" \\n'", "-l \"x\" \\n")]
    [InlineData("OPTIONS=\"-l \\\"x\\\" \\$HOME \\n\"", "-l \"x\" $HOME \\n")]
    [InlineData("OPTIONS=\"-l 0.0.0.0\" -U 0", "-l 0.0.0.0-U 0")]
    [InlineData("OPTIONS=-l \"0.0.0.0\"", "-l \"0.0.0.0\"")]
    [InlineData("OPTIONS=a\\ \\\\b", "a \\b")]
    [InlineData("OPTIONS=", "")]
    public void Parse_Value_IsDecodedAsSystemdDecodesIt(string line, string expected)
    {
        Assert.Equal(expected, Assert.Single(Parse(line + "\n").Assignments).Value);
    }

    [Fact]
    public void Parse_ContinuationsAndMultiLineQuotes_BelongToTheLineTheyStartOn()
    {
        var content = Parse("# memcached\n\nOPTIONS=-l 0.0.0.0 \\\n  -U 0\nUSER='mem\ncached'\n; old\nPORT=1\n");

        Assert.Equal(
            [("OPTIONS", "-l 0.0.0.0   -U 0", 3), ("USER", "mem\ncached", 5), ("PORT", "1", 8)],
            content.Assignments.Select(a => (a.Name, a.Value, a.Source.Line)).ToArray());
    }

    [Fact]
    public void Parse_LaterAssignment_IsTheOneFindReturns()
    {
        var content = Parse("OPTIONS=\"-a\"\nOPTIONS=\"-b\"\n#OPTIONS=\"-c\"\n");

        Assert.Equal(new EnvironmentAssignment("OPTIONS", "-b", new SettingSource(Path, 2)), content.Find("OPTIONS"));
    }

    [Fact]
    public void Parse_InvalidNames_AreDroppedAndReported()
    {
        var content = Parse("export OPTIONS=\"-l 0.0.0.0\"\n1X=2\nno equals sign\nOK=1\n");

        Assert.Equal("OK", Assert.Single(content.Assignments).Name);
        Assert.Equal(2, content.Problems.Length);
        Assert.StartsWith($"{Path}:1: \"export OPTIONS\" is not a valid variable name", content.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentEndingInBackslash_SwallowsTheNextLineAndSaysSo()
    {
        var content = Parse("# listen everywhere \\\nOPTIONS=\"-l 0.0.0.0\"\nPORT=1\n");

        Assert.Equal("PORT", Assert.Single(content.Assignments).Name);
        Assert.StartsWith($"{Path}:2: read as part of the comment on line 1", Assert.Single(content.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnterminatedLastLine_IsStillRead()
    {
        Assert.Equal("-U 0", Assert.Single(Parse("OPTIONS=\"-U 0").Assignments).Value);
    }

    private static EnvironmentFileContent Parse(string text) => EnvironmentFileReader.Parse(new TextFile(Path, text));
}
