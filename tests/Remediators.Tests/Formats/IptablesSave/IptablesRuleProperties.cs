using CloudSharkHardening.Remediators.Formats.IptablesSave;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;

public sealed class IptablesRuleProperties
{
    [Fact]
    public void Split_OfAnArgumentAsIptablesSaveQuotesIt_IsThatArgument()
    {
        Prop.ForAll(IptablesSaveGenerators.Comments().ToArbitrary(), text =>
            IptablesWords.Split(SaveQuoting.Quote(text)) is { EndsInsideQuotes: false, Words: [var word] } && word.Value == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParse_AnyComment_IsTheCommentAndNeverTheTarget()
    {
        Prop.ForAll(IptablesSaveGenerators.Comments().ToArbitrary(), comment =>
        {
            var rule = IptablesRule.TryParse($"-A INPUT -p tcp -m tcp --dport 22 -m comment --comment {SaveQuoting.Quote(comment)} -j ACCEPT");
            return rule is { Chain: "INPUT", Spec.Target: "ACCEPT", Spec.IsGoto: false }
                && rule.Spec.Matches.Select(option => option.Name).SequenceEqual(["-p", "-m", "--dport", "-m", "--comment"])
                && rule.Spec.Matches[^1].Values.SequenceEqual([comment]);
        }).QuickCheckThrowOnFailure();
    }
}
