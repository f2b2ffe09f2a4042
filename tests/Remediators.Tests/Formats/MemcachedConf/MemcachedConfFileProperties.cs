using CloudSharkHardening.Remediators.Formats.MemcachedConf;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.MemcachedConf;

public sealed class MemcachedConfFileProperties
{
    [Fact]
    public void Render_OfParse_IsTheInputByteForByte()
    {
        Prop.ForAll(MemcachedConfGenerators.Files().ToArbitrary(), text => MemcachedConfFile.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Render_OfParse_IsTheInputForAnyText()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(text => text is not null), text => MemcachedConfFile.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WithLine_Twice_IsWithLineOnceAndTouchesOnlyThatLine()
    {
        var cases = MemcachedConfGenerators.Files()
            .Where(text => text.Length > 0)
            .SelectMany(text => Gen.Choose(0, MemcachedConfFile.Parse(text).Lines.Length - 1).Select(index => (text, index)))
            .Zip(MemcachedConfGenerators.OptionLine());
        Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var ((text, index), replacement) = pair;
            var file = MemcachedConfFile.Parse(text);
            var once = file.WithLine(index, replacement);
            var twice = once.WithLine(index, replacement);
            return twice.Render() == once.Render()
                && once.Lines[index].Text == replacement
                && once.Lines.Length == file.Lines.Length
                && file.Lines.Zip(once.Lines).Where((_, i) => i != index).All(lines => lines.First.Text == lines.Second.Text);
        }).QuickCheckThrowOnFailure();
    }
}
