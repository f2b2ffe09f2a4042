using System.Text.Json;
using BenchmarkDotNet.Running;
using CloudSharkHardening.Benchmarks.Benchmarks;
using CloudSharkHardening.Benchmarks.Results;

namespace CloudSharkHardening.Benchmarks;

/// <summary>Runs every in-process benchmark and writes the figures as results/in-process.json.</summary>
public static class InProcessCommand
{
    private static readonly Type[] Benchmarks =
    [
        typeof(RuleCheckBenchmarks),
        typeof(PassBenchmarks),
        typeof(SafeWalkBenchmarks),
        typeof(FormatBenchmarks),
        typeof(OptionFileChainBenchmarks),
        typeof(FirewallRulesBenchmarks),
    ];

    public static int Run(string resultsDirectory, bool quick, TimeProvider time)
    {
        Directory.CreateDirectory(resultsDirectory);
        var started = time.GetUtcNow();
        var load = Machine.LoadAverage();
        var config = BenchConfig.Create(Path.Combine(resultsDirectory, "bdn"), quick);
        var summaries = Benchmarks.Select(type => BenchmarkRunner.Run(type, config)).ToList();
        if (summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)))
        {
            Console.Error.WriteLine("a benchmark failed; see BenchmarkDotNet's output above");
            return 1;
        }

        var set = new FigureSet("in-process", started.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), load, InProcessFigures.From(summaries));
        File.WriteAllText(Path.Combine(resultsDirectory, "in-process.json"), JsonSerializer.Serialize(set, BenchJsonContext.Default.FigureSet) + "\n");
        return 0;
    }
}
