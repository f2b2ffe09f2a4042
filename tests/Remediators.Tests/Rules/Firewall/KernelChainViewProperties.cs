using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed class KernelChainViewProperties
{
    private static readonly FirewallOptions Options = FirewallOptions.For(Platform.RedHat);
    private static readonly ManagedChain Chain = ManagedChain.For(Options, IptablesFamily.Of(Options)[0]);

    [Fact]
    public void Read_ForeignRulesWhateverTheirComments_NeverCountAsTheAgentsLinesAndThoseAboveTheJumpAreAbove()
    {
        var tables =
            from before in IptablesSaveGenerators.ForeignRulesNamingTheChain().ListOf()
            from after in IptablesSaveGenerators.ForeignRulesNamingTheChain().ListOf()
            select (before, $"*filter\n:INPUT DROP [0:0]\n:f2b-sshd - [0:0]\n{Chain.Declaration}\n" + Lines(before) + $"-A INPUT {Chain.JumpSpec}\n" + Lines(after)
                + Lines(Chain.RuleSpecs.Select(spec => $"-A {Chain.Name} {spec}")) + "COMMIT\n");
        Prop.ForAll(tables.ToArbitrary(), pair =>
        {
            var (before, table) = pair;
            var view = KernelChainView.Read(table, Chain.Name);
            var above = before.Where(rule => rule.StartsWith("-A INPUT ", StringComparison.Ordinal)).ToList();
            return view.Text == Chain.Text() && view.Above.SequenceEqual(above) && view.Holds(Chain) == (above.Count == 0);
        }).QuickCheckThrowOnFailure();
    }

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(line => line + "\n"));
}
