using CloudSharkHardening.Remediators.Formats.Sysconfig;
using CloudSharkHardening.Remediators.Tests.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Formats.Sysconfig;

public sealed class SysconfigFileTests
{
    [Theory]
    [InlineData(MemcachedFixture.El7Sysconfig)]
    [InlineData(MemcachedFixture.El9Sysconfig)]
    public void Parse_DistributionDefault_RendersByteForByte(string fixture)
    {
        var text = MemcachedFixture.Read(fixture);

        Assert.Equal(text, SysconfigFile.Parse(text).Render());
    }

    [Fact]
    public void Parse_El9Default_ReadsEveryAssignment()
    {
        var file = SysconfigFile.Parse(MemcachedFixture.Read(MemcachedFixture.El9Sysconfig));

        Assert.Equal(["PORT", "USER", "MAXCONN", "CACHESIZE", "OPTIONS"], file.Lines.Select(line => line.Assignment!.Key));
        var options = file.LastAssignment("OPTIONS")!;
        Assert.Equal(5, options.Number);
        Assert.Equal("-l 127.0.0.1,::1", options.Assignment!.RawValue);
        Assert.Equal(SysconfigQuote.DoubleQuotes, options.Assignment.Quote);
        Assert.Null(options.Assignment.Problem);
    }

    [Fact]
    public void Parse_CommentsBlanksAndStrayText_AreKeptAndClassified()
    {
        var file = SysconfigFile.Parse("# memcached\n  ; old style\n\n   \nnot an assignment\n");

        Assert.Equal(
            [SysconfigLineKind.Comment, SysconfigLineKind.Comment, SysconfigLineKind.Blank, SysconfigLineKind.Blank, SysconfigLineKind.Ignored],
            file.Lines.Select(line => line.Kind));
    }

    [Theory]
    [InlineData("OPTIONS=\"-t 4\"\n", SysconfigQuote.DoubleQuotes, "-t 4")]
    [InlineData("OPTIONS='-t 4'\n", SysconfigQuote.SingleQuotes, "-t 4")]
    [InlineData("OPTIONS=-t 4  \n", SysconfigQuote.None, "-t 4")]
    [InlineData("  OPTIONS = \"-t 4\"\t\n", SysconfigQuote.DoubleQuotes, "-t 4")]
    [InlineData("OPTIONS=", SysconfigQuote.None, "")]
    public void Parse_Assignment_ReadsKeyQuoteAndValue(string text, SysconfigQuote quote, string value)
    {
        var assignment = SysconfigFile.Parse(text).LastAssignment("OPTIONS")!.Assignment!;

        Assert.Equal(quote, assignment.Quote);
        Assert.Equal(value, assignment.RawValue);
        Assert.Null(assignment.Problem);
    }

    [Fact]
    public void Parse_QuoteOpenOverSeveralLines_IsOneEntryAsSystemdReadsIt()
    {
        var file = SysconfigFile.Parse("USER=\"mem\nOPTIONS=-l 0.0.0.0\"\nPORT=1\n");

        Assert.Equal(2, file.Lines.Length);
        Assert.Null(file.LastAssignment("OPTIONS"));
        Assert.NotNull(file.LastAssignment("USER")!.Assignment!.Problem);
        Assert.Equal(3, file.LastAssignment("PORT")!.Number);
    }

    [Fact]
    public void Parse_BackslashContinuation_JoinsTheNextLine()
    {
        var file = SysconfigFile.Parse("OPTIONS=-t 4 \\\n -l 0.0.0.0\nPORT=1\n");

        var options = file.LastAssignment("OPTIONS")!;
        Assert.Contains("backslash", options.Assignment!.Problem, StringComparison.Ordinal);
        Assert.Equal(2, file.Lines.Length);
    }

    [Theory]
    [InlineData("OPTIONS=\"-l 127.0.0.1\n", "unbalanced quote")]
    [InlineData("OPTIONS=\"-l $ADDR\"\n", "'$'")]
    [InlineData("OPTIONS=\"-l `hostname`\"\n", "'$' or '`'")]
    [InlineData("OPTIONS=\"-l \\\"x\\\"\"\n", "backslash")]
    [InlineData("OPTIONS=\"-l 127.0.0.1\" # local\n", "after the closing quote")]
    [InlineData("OPTIONS=-l \"127.0.0.1\"\n", "quote characters")]
    public void Parse_ValueItCannotRewrite_NamesTheProblem(string text, string problem)
    {
        var assignment = SysconfigFile.Parse(text).LastAssignment("OPTIONS")!.Assignment!;

        Assert.Contains(problem, assignment.Problem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => assignment.WithValue("-U 0"));
    }

    [Fact]
    public void LastAssignment_SeveralOptions_IsTheLastUncommentedOne()
    {
        var file = SysconfigFile.Parse("OPTIONS=\"-a\"\nOPTIONS=\"-b\"\n#OPTIONS=\"-c\"\n");

        Assert.Equal("-b", file.LastAssignment("OPTIONS")!.Assignment!.RawValue);
    }

    [Theory]
    [InlineData("OPTIONS=\"-U 11211\"\n", "OPTIONS=\"-U 0 -t 4\"\n")]
    [InlineData("OPTIONS='-U 11211'\n", "OPTIONS='-U 0 -t 4'\n")]
    [InlineData("OPTIONS=-U\n", "OPTIONS=\"-U 0 -t 4\"\n")]
    [InlineData("OPTIONS=\n", "OPTIONS=\"-U 0 -t 4\"\n")]
    [InlineData("  OPTIONS = '-U 1'  \n", "  OPTIONS = '-U 0 -t 4'  \n")]
    public void WithValue_KeepsQuotingAndSpacing(string text, string expected)
    {
        var file = SysconfigFile.Parse(text);

        Assert.Equal(expected, file.WithValue(file.LastAssignment("OPTIONS")!, "-U 0 -t 4").Render());
    }

    [Fact]
    public void WithValue_UnquotedValueWithoutBlanks_StaysUnquoted()
    {
        var file = SysconfigFile.Parse("PORT=11211\n");

        Assert.Equal("PORT=11212\n", file.WithValue(file.Lines[0], "11212").Render());
    }

    [Fact]
    public void WithValue_OtherLines_KeptByteForByte()
    {
        var text = "# header \\ odd\nPORT=\"11211\"\n\n\tUSER = memcached   \nOPTIONS=\"-U 11211\"\nCACHESIZE='64'";
        var file = SysconfigFile.Parse(text);

        var edited = file.WithValue(file.LastAssignment("OPTIONS")!, "-U 0").Render();

        Assert.Equal(text.Replace("-U 11211", "-U 0", StringComparison.Ordinal), edited);
    }

    [Theory]
    [InlineData("PORT=1\n", "PORT=1\nOPTIONS=\"-U 0\"\n")]
    [InlineData("PORT=1", "PORT=1\nOPTIONS=\"-U 0\"\n")]
    [InlineData("", "OPTIONS=\"-U 0\"\n")]
    [InlineData("# only a comment", "# only a comment\nOPTIONS=\"-U 0\"\n")]
    public void Append_EnsuresOneNewlineBeforeAndAfter(string text, string expected)
    {
        Assert.Equal(expected, SysconfigFile.Parse(text).Append("OPTIONS", "-U 0").Render());
    }

    [Theory]
    [InlineData("USER=\"memcached")]
    [InlineData("USER=memcached \\\n")]
    [InlineData("# comment \\\n")]
    public void Append_AfterALineThatSwallowsTheNext_Refuses(string text)
    {
        var file = SysconfigFile.Parse(text);

        Assert.True(file.Lines[^1].SwallowsNextLine);
        Assert.Throws<InvalidOperationException>(() => file.Append("OPTIONS", "-U 0"));
    }

    [Theory]
    [InlineData("export OPTIONS=\"-l 0.0.0.0\"", "OPTIONS")]
    [InlineData("export\tOPTIONS=x", "OPTIONS")]
    [InlineData("exported=x", null)]
    [InlineData("OPTIONS=x", null)]
    public void ExportedKey_ExportPrefix_NamesTheVariable(string text, string? expected)
    {
        Assert.Equal(expected, SysconfigFile.Parse(text).Lines[0].Assignment!.ExportedKey);
    }
}
