using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;

public sealed class IptablesWordsTests
{
    [Theory]
    [InlineData("-A INPUT -j ACCEPT", new[] { "-A", "INPUT", "-j", "ACCEPT" })]
    [InlineData("  -A\tINPUT   -j  ACCEPT \t", new[] { "-A", "INPUT", "-j", "ACCEPT" })]
    [InlineData("--comment \"ssh -j CLOUDSHARK-HARDENING\" -j ACCEPT", new[] { "--comment", "ssh -j CLOUDSHARK-HARDENING", "-j", "ACCEPT" })]
    [InlineData("--comment \"-A INPUT -j CLOUDSHARK-HARDENING\"", new[] { "--comment", "-A INPUT -j CLOUDSHARK-HARDENING" })]
    [InlineData("--comment \"say \\\"hi\\\" to C:\\\\ and it\\'s fine\"", new[] { "--comment", "say \"hi\" to C:\\ and it's fine" })]
    [InlineData("--comment \"\" -j ACCEPT", new[] { "--comment", "", "-j", "ACCEPT" })]
    [InlineData("--comment \"a\"b", new[] { "--comment", "a", "b" })]
    [InlineData("--comment a\"b c\" d", new[] { "--comment", "ab c", "d" })]
    [InlineData("back\\slash x\\\\y", new[] { "back\\slash", "x\\\\y" })]
    [InlineData("--comment \"tab\tinside\"", new[] { "--comment", "tab\tinside" })]
    public void Split_FollowsIptablesRestore(string line, string[] expected)
    {
        var split = IptablesWords.Split(line);

        Assert.Equal(expected, split.Words.Select(word => word.Value));
        Assert.False(split.EndsInsideQuotes);
    }

    [Fact]
    public void Split_RemembersWhichWordsWereQuotedAndWhereTheyStand()
    {
        const string Line = "-j \"-j\" x";

        var words = IptablesWords.Split(Line).Words;

        Assert.Equal([false, true, false], words.Select(word => word.Quoted));
        Assert.Equal(["-j", "\"-j\"", "x"], words.Select(word => Line[word.Start..word.End]));
        Assert.True(words[0].IsOption);
        Assert.False(words[1].IsOption);
    }

    [Theory]
    [InlineData("--comment \"x", new[] { "--comment", "x" })]
    [InlineData("--comment \"", new[] { "--comment" })]
    [InlineData("--comment \"ends in a backslash\\", new[] { "--comment", "ends in a backslash" })]
    public void Split_QuoteLeftOpen_KeepsWhatItHoldsAndSaysSo(string line, string[] expected)
    {
        var split = IptablesWords.Split(line);

        Assert.Equal(expected, split.Words.Select(word => word.Value));
        Assert.True(split.EndsInsideQuotes);
    }

    [Theory]
    [InlineData("!", false, true)]
    [InlineData("-s", true, false)]
    [InlineData("--dport", true, false)]
    [InlineData("-1", false, false)]
    [InlineData("-", false, false)]
    [InlineData("\"!\"", false, false)]
    [InlineData("\"-j\"", false, false)]
    public void Words_OptionsAndNegationsAreBare(string text, bool option, bool negation)
    {
        var word = Assert.Single(IptablesWords.Split(text).Words);

        Assert.Equal((option, negation), (word.IsOption, word.IsNegation));
    }
}
