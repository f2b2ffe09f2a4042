using CloudSharkHardening.Remediators.Formats.UnitFile;

namespace CloudSharkHardening.Remediators.Tests.Formats.UnitFile;

public sealed class UnitFileWordReaderTests
{
    [Theory]
    [InlineData(@"a\tb", "a\tb")]
    [InlineData(@"a\sb", "a b")]
    [InlineData(@"\x41\101\u00e9\U0001F600", "AAé😀")]
    [InlineData(@"'\n'", "\n")]
    public void Read_CEscapes_DecodesThemInsideAndOutsideQuotes(string value, string expected)
    {
        Assert.Equal(UnitFileWordStep.Word, new UnitFileWordReader(value).Read(UnitFileWordSyntax.Unquote | UnitFileWordSyntax.CEscapes, out var word));
        Assert.Equal(expected, word);
    }

    [Theory]
    [InlineData(@"\q")]
    [InlineData(@"\x00")]
    [InlineData(@"\400")]
    [InlineData(@"\x4")]
    public void Read_UnknownOrNulEscape_IsInvalidAndLeavesThePosition(string value)
    {
        var reader = new UnitFileWordReader("ok " + value);
        reader.Read(UnitFileWordSyntax.CEscapes, out _);
        var before = reader.Position;

        Assert.Equal(UnitFileWordStep.Invalid, reader.Read(UnitFileWordSyntax.CEscapes, out _));
        Assert.Equal(before, reader.Position);
    }

    [Fact]
    public void Read_KeepUnknownEscapes_KeepsTheBackslash()
    {
        new UnitFileWordReader(@"a\qb\n").Read(UnitFileWordSyntax.CEscapes | UnitFileWordSyntax.KeepUnknownEscapes, out var word);

        Assert.Equal("a\\qb\n", word);
    }

    [Theory]
    [InlineData("'-l 0.0.0.0", "-l 0.0.0.0")]
    [InlineData("-U 0\\", "-U")]
    public void Read_Relax_EndsTheWordAtAnUnbalancedQuoteOrTrailingBackslash(string value, string expected)
    {
        new UnitFileWordReader(value).Read(UnitFileWordSyntax.Unquote | UnitFileWordSyntax.Relax, out var word);

        Assert.Equal(expected, word);
    }

    [Fact]
    public void Read_AfterAWord_StandsOnTheNextWord()
    {
        var reader = new UnitFileWordReader("one \t ; two");
        reader.Read(UnitFileWordSyntax.Unquote, out _);

        Assert.Equal("; two", reader.Remaining);
        Assert.False(reader.AtEnd);
    }
}
