using CloudSharkHardening.Remediators.Formats.IptablesSave;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;

public sealed class IptablesSaveFileProperties
{
    [Fact]
    public void Render_OfParse_IsTheInputByteForByte()
    {
        Prop.ForAll(IptablesSaveGenerators.Files().ToArbitrary(), text => IptablesSaveFile.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Render_OfParse_IsTheInputForAnyText()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(text => text is not null), text => IptablesSaveFile.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_EveryRuleLine_KnowsItsTableAndChain()
    {
        Prop.ForAll(IptablesSaveGenerators.Files().ToArbitrary(), text =>
            IptablesSaveFile.Parse(text).Lines
                .Where(line => line.Kind == IptablesSaveLineKind.Rule)
                .All(line => line.Table is "nat" or "filter" or "mangle" && line.Rule is { } rule && line.Chain == rule.Chain && line.Text.Contains(rule.Chain, StringComparison.Ordinal)))
            .QuickCheckThrowOnFailure();
    }
}
