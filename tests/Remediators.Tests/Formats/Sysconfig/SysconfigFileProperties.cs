using CloudSharkHardening.Remediators.Formats.Sysconfig;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.Sysconfig;

public sealed class SysconfigFileProperties
{
    [Fact]
    public void Render_OfParse_IsTheInputByteForByte()
    {
        Prop.ForAll(SysconfigGenerators.Files().ToArbitrary(), text => SysconfigFile.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Render_OfParse_IsTheInputForAnyText()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(text => text is not null), text => SysconfigFile.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WithValue_Twice_IsWithValueOnceAndTouchesOnlyThatEntry()
    {
        var cases = SysconfigGenerators.Files()
            .Where(text => SysconfigFile.Parse(text).LastAssignment("OPTIONS")?.Assignment?.Problem is null
                && SysconfigFile.Parse(text).LastAssignment("OPTIONS") is not null)
            .Zip(SysconfigGenerators.OptionsValues());
        Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var (text, value) = pair;
            var file = SysconfigFile.Parse(text);
            var once = file.WithValue(file.LastAssignment("OPTIONS")!, value);
            var twice = once.WithValue(once.LastAssignment("OPTIONS")!, value);
            var changed = file.Lines.Zip(once.Lines).Count(lines => lines.First.Text != lines.Second.Text);
            return twice.Render() == once.Render()
                && once.LastAssignment("OPTIONS")!.Assignment!.RawValue == value
                && once.Lines.Length == file.Lines.Length
                && changed <= 1;
        }).QuickCheckThrowOnFailure();
    }
}
