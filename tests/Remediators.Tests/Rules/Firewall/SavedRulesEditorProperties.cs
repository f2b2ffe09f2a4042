using CloudSharkHardening.Remediators.Formats.IptablesSave;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

public sealed class SavedRulesEditorProperties
{
    private static readonly Gen<ManagedChain> Chains =
        from ranges in Gen.Elements("10.1.0.0/16", "2001:db8::/32", "0.0.0.0/0", "192.0.2.7").ListOf()
        from ports in Gen.Elements<int[]>([80, 443], [443], [])
        let options = FirewallOptions.For(Platform.RedHat) with { SourceRanges = [.. ranges.Select(SourceRange.Parse)], PublicPorts = [.. ports] }
        select ManagedChain.For(options, IptablesFamily.Of(options)[0]);

    [Fact]
    public void Apply_Twice_IsApplyOnce()
    {
        Prop.ForAll(IptablesSaveGenerators.Files().Zip(Chains).ToArbitrary(), pair =>
        {
            var (text, chain) = pair;
            var once = Edit(text, chain);
            return Edit(once, chain) == once;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Apply_KeepsEveryOtherLineInOrderAndLeavesExactlyTheChain()
    {
        Prop.ForAll(IptablesSaveGenerators.Files().Zip(Chains).ToArbitrary(), pair =>
        {
            var (text, chain) = pair;
            var before = IptablesSaveFile.Parse(text).Lines;
            var after = IptablesSaveFile.Parse(Edit(text, chain)).Lines;
            var filter = after.Where(line => line.Table == ManagedChain.Table).ToList();
            return Others(before, chain).SequenceEqual(Others(after, chain))
                && KernelChainView.Read(string.Join('\n', filter.Select(l => l.Text)), chain.Name).Holds(chain);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Apply_KeepsSomeoneElsesRulesInOrderWhateverTheirCommentsSay()
    {
        var files =
            from foreign in IptablesSaveGenerators.ForeignRulesNamingTheChain().NonEmptyListOf()
            from jumpAt in Gen.Choose(-1, foreign.Count)
            let input = jumpAt < 0 ? foreign : [.. foreign.Take(jumpAt), "-A INPUT -j CLOUDSHARK-HARDENING", .. foreign.Skip(jumpAt)]
            select (foreign, "*filter\n:INPUT DROP [0:0]\n:f2b-sshd - [0:0]\n" + string.Concat(input.Select(line => line + "\n")) + "COMMIT\n");
        Prop.ForAll(files.Zip(Chains).ToArbitrary(), pair =>
        {
            var ((foreign, text), chain) = pair;
            var after = Edit(text, chain).Split('\n');
            return after.Where(foreign.Contains).SequenceEqual(foreign)
                && after.Count(line => line == "-A INPUT -j CLOUDSHARK-HARDENING") == 1;
        }).QuickCheckThrowOnFailure();
    }

    private static IEnumerable<string> Others(IEnumerable<IptablesSaveLine> lines, ManagedChain chain) =>
        lines.Where(line => line.Table != ManagedChain.Table || !KernelChainView.IsOurs(line, chain.Name))
            .Select(line => line.Text)
            .Where(text => text is not ("*filter" or "COMMIT"));

    private static string Edit(string text, ManagedChain chain) => SavedRulesEditor.Apply(new TextFile("/etc/iptables/rules.v4", text), chain);
}
