using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Benchmarks.Inputs;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>
/// What the safe path walk costs a compliant pass: as many walks as the four rules the test
/// bed enforces make in one check (counted at setup), each of the deepest path they walk, the
/// uploads link (five components, every one opened O_NOFOLLOW and looked at). Most of a
/// pass's walks are shorter, so the figure bounds the walk's share of a pass from above.
/// </summary>
public class SafeWalkBenchmarks : ApplianceBenchmark
{
    private const string DeepestPath = "/var/www/cloudshark/shared/uploads";
    private long _walksPerPass;

    [GlobalSetup]
    public void Setup()
    {
        Build(ApplianceShape.Sample);
        var files = Appliance.Tree.Files;
        var before = files.Walks;
        foreach (var configured in Appliance.Rules.Where(r => r.Rule.Name != FirewallRule.RuleName))
        {
            _ = configured.Rule.CheckAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        _walksPerPass = files.Walks - before;
        Console.WriteLine($"// a compliant check of the 4 rules walks {_walksPerPass} paths");
    }

    [Benchmark]
    public long WalksOfACompliantPass()
    {
        var files = Appliance.Tree.Files;
        for (var i = 0; i < _walksPerPass; i++)
        {
            _ = files.Stat(DeepestPath);
        }

        return _walksPerPass;
    }
}
