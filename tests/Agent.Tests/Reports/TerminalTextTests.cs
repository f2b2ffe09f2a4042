using System.Text;
using CloudSharkHardening.Agent.Reports;

namespace CloudSharkHardening.Agent.Tests.Reports;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("memcached", "memcached")]
    [InlineData("evil\x1b[2J", @"evil\x1b[2J")]
    [InlineData("a\nb\rc\td", @"a\nb\rc\td")]
    [InlineData("nul\0bell\a del\x7f", @"nul\x00bell\x07 del\x7f")]
    [InlineData("c1\u0085\u009b", @"c1\u0085\u009b")]
    [InlineData("abc\u202edcba\u2066x\u2069", @"abc\u202edcba\u2066x\u2069")]
    [InlineData("line\u2028separator", @"line\u2028separator")]
    [InlineData(@"C:\x1b", @"C:\\x1b")]
    [InlineData("café ✓", "café ✓")]
    public void Escape_ShowsControlsAndBidiAsEscapesAndDoublesBackslashes(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(text));

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal("", TerminalText.Escape(null));

    [Fact]
    public void AppendEscaped_EscapesEveryHoleAndAlignsTheEscapedText()
    {
        var name = "x\n";

        var line = new StringBuilder().AppendEscaped($"[{name,-5}|{42,4}|{1.5:F2}]\n").ToString();

        Assert.Equal("[x\\n  |  42|1.50]\n", line);
    }
}
