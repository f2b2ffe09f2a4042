using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Benchmarks.Inputs;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.Remediators.Rules.MariaDb;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>The mariadb check as the option-file chain grows by whole included files.</summary>
public class OptionFileChainBenchmarks : ApplianceBenchmark
{
    private IRule _rule = null!;

    [Params(1, 10, 100)]
    public int IncludedFiles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Build(new ApplianceShape(IncludedOptionFiles: IncludedFiles));
        _rule = Appliance.Rule(MariaDbRule.RuleName);
    }

    [Benchmark]
    public ValueTask<Plan> Check() => _rule.CheckAsync(CancellationToken.None);
}
