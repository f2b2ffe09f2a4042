using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Benchmarks.Inputs;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>
/// The firewall check as INPUT fills with other people's rules (in both families, kernel and
/// saved file alike): the whole check, four tool starts included, and its in-process part
/// alone (reading both kernel tables and fitting the chain into both saved files).
/// </summary>
public class FirewallRulesBenchmarks : ApplianceBenchmark
{
    private IRule _rule = null!;
    private (string Kernel, TextFile Saved, ManagedChain Chain)[] _families = [];

    [Params(10, 100, 1000)]
    public int InputRules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Build(new ApplianceShape(InputRules: InputRules));
        _rule = Appliance.Rule(FirewallRule.RuleName);
        var options = Appliance.Config.Firewall.Options;
        _families = [.. IptablesFamily.Of(options).Select(f => (Appliance.Xtables.Kernel(f.IsIPv6), Appliance.Host.Files.ReadText(f.SavedRules)!, ManagedChain.For(options, f)))];
    }

    [Benchmark]
    public ValueTask<Plan> Check() => _rule.CheckAsync(CancellationToken.None);

    [Benchmark]
    public int ReadTables()
    {
        var held = 0;
        foreach (var (kernel, saved, chain) in _families)
        {
            held += KernelChainView.Read(kernel, chain.Name).Holds(chain) ? 1 : 0;
            held += SavedRulesEditor.Apply(saved, chain) == saved.Text ? 1 : 0;
        }

        return held;
    }
}
