using CloudSharkHardening.Remediators.Formats.UnitFile;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.UnitFile;

public sealed class UnitFileWordsTests
{
    [Theory]
    [InlineData("/a /b", new[] { "/a", "/b" })]
    [InlineData("  /a\t\t/b  ", new[] { "/a", "/b" })]
    [InlineData("\"/srv/my cap\" /b", new[] { "/srv/my cap", "/b" })]
    [InlineData("'/a'\"/b\"", new[] { "/a/b" })]
    [InlineData("/my\\ cap", new[] { "/my cap" })]
    [InlineData("/a \"/unbalanced", new[] { "/a" })]
    [InlineData("/a /b\\", new[] { "/a" })]
    [InlineData("", new string[0])]
    public void Split_Value_GivesTheWordsSystemdReads(string value, string[] expected)
    {
        Assert.Equal(expected, UnitFileWords.Split(value));
    }

    [Theory]
    [InlineData("/cap", "/cap")]
    [InlineData("/srv/my cap", "\"/srv/my cap\"")]
    [InlineData("/odd\"name\\", "\"/odd\\\"name\\\\\"")]
    public void Quote_Word_QuotesOnlyWhenNeeded(string word, string expected)
    {
        Assert.Equal(expected, UnitFileWords.Quote(word));
    }

    [Fact]
    public void Quote_AnyWord_SplitsBackToThatOneWord()
    {
        var words = Gen.Elements("/cap", "/srv/my cap", "a\"b", "c'd", "back\\slash", "tab\there", "").ListOf().Select(parts => string.Concat(parts));

        Prop.ForAll(Arb.From(words), word => UnitFileWords.Split(UnitFileWords.Quote(word)).SequenceEqual([word]))
            .QuickCheckThrowOnFailure();
    }
}
