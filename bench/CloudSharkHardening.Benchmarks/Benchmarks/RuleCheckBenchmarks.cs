using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Benchmarks.Inputs;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>One rule's check on the compliant appliance: reads everything, finds nothing to do.</summary>
public class RuleCheckBenchmarks : ApplianceBenchmark
{
    private IRule _rule = null!;

    public static IEnumerable<string> RuleNames => RuleCatalog.Names;

    [ParamsSource(nameof(RuleNames))]
    public string Rule { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Build(ApplianceShape.Sample);
        _rule = Appliance.Rule(Rule);
    }

    [Benchmark]
    public ValueTask<Plan> Check() => _rule.CheckAsync(CancellationToken.None);
}
