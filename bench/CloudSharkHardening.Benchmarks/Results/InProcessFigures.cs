using System.Globalization;
using System.Text;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CloudSharkHardening.Benchmarks.Benchmarks;
using CloudSharkHardening.Benchmarks.Inputs;

namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>
/// Turns BenchmarkDotNet's reports into figures: one per benchmark case (its median), and
/// one growth figure per scaling series, the larger of its two ×10 steps.
/// </summary>
public static class InProcessFigures
{
    public static List<Figure> From(IEnumerable<Summary> summaries)
    {
        var figures = new List<Figure>();
        var spread = new Dictionary<string, Statistics>(StringComparer.Ordinal);
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var (id, title) = Name(report.BenchmarkCase);
            if (report.ResultStatistics is not { } statistics)
            {
                throw new InvalidOperationException($"benchmark {id} produced no measurement; see BenchmarkDotNet's output above");
            }

            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is long bytes
                ? string.Create(CultureInfo.InvariantCulture, $"; {bytes / 1024.0:0.#} KiB allocated per op")
                : "";
            var detail = string.Create(CultureInfo.InvariantCulture, $"median of {statistics.N} iterations, {Units.Display(statistics.Min, "ns")} to {Units.Display(statistics.Max, "ns")}{allocated}");
            figures.Add(new Figure(id, title, statistics.Median, "ns", detail));
            spread[id] = statistics;
        }

        figures.AddRange(Growth(spread, "chain", "mariadb check as included files go 1 → 10 → 100", [1, 10, 100]));
        figures.AddRange(Growth(spread, "firewall", "firewall check as INPUT goes 10 → 100 → 1000 rules", [10, 100, 1000]));
        figures.AddRange(Growth(spread, "firewall-read", "firewall tables read in process, 10 → 100 → 1000 rules", [10, 100, 1000]));
        return figures;
    }

    private static (string Id, string Title) Name(BenchmarkCase benchmark)
    {
        var method = benchmark.Descriptor.WorkloadMethod.Name;
        string Parameter(string name) => System.Convert.ToString(benchmark.Parameters[name], CultureInfo.InvariantCulture) ?? "";
        return (benchmark.Descriptor.Type.Name, method) switch
        {
            (nameof(RuleCheckBenchmarks), _) => ($"check.{Parameter("Rule")}", $"check: {Parameter("Rule")} rule, compliant"),
            (nameof(PassBenchmarks), nameof(PassBenchmarks.AllRules)) => ("check.all", "check: all 5 rules in a row, compliant"),
            (nameof(PassBenchmarks), nameof(PassBenchmarks.AllRulesButFirewall)) => ("check.all-but-firewall", "check: the 4 rules the test bed enforces (firewall off)"),
            (nameof(PassBenchmarks), nameof(PassBenchmarks.EnginePass)) => ("pass.engine", "engine pass, compliant, all 5 rules (in process)"),
            (nameof(SafeWalkBenchmarks), _) => ("walk.pass", "safe path walk: every walk of a compliant check (4 rules), each as deep as the uploads link"),
            (nameof(FormatBenchmarks), _) => FormatName(Parameter("Format"), int.Parse(Parameter("Size"), CultureInfo.InvariantCulture)),
            (nameof(OptionFileChainBenchmarks), _) => ($"scaling.chain.{Parameter("IncludedFiles")}", $"mariadb check, {Parameter("IncludedFiles")} included option file(s)"),
            (nameof(FirewallRulesBenchmarks), nameof(FirewallRulesBenchmarks.Check)) => ($"scaling.firewall.{Parameter("InputRules")}", $"firewall check, {Parameter("InputRules")} rules in INPUT"),
            (nameof(FirewallRulesBenchmarks), _) => ($"scaling.firewall-read.{Parameter("InputRules")}", $"firewall tables read in process, {Parameter("InputRules")} rules in INPUT"),
            _ => throw new InvalidOperationException($"no figure name for {benchmark.DisplayInfo}"),
        };
    }

    private static (string, string) FormatName(string format, int size)
    {
        var bytes = Encoding.UTF8.GetByteCount(FormatSample.Named(format).Scaled(size));
        var what = size == 1 ? "real file" : $"{size}x";
        return ($"format.{format.Replace(' ', '-')}.{size}x", string.Create(CultureInfo.InvariantCulture, $"parse+render {format}, {what} ({bytes / 1024.0:0.#} KiB)"));
    }

    /// <summary>
    /// The larger of a series' two ×10 steps, as a ratio of medians; its lower bound is the
    /// larger step's ratio of the bigger input's first quartile to the smaller's third.
    /// </summary>
    private static IEnumerable<Figure> Growth(Dictionary<string, Statistics> spread, string series, string title, int[] sizes)
    {
        var steps = sizes.Select(size => spread.GetValueOrDefault($"scaling.{series}.{size}")).ToArray();
        if (steps.Any(s => s is null))
        {
            yield break; // the series was filtered out of this run
        }

        var ratios = new[] { (steps[0]!, steps[1]!), (steps[1]!, steps[2]!) }
            .Select(step => (Median: step.Item2.Median / step.Item1.Median, Least: step.Item2.Q1 / step.Item1.Q3))
            .ToArray();
        var (median, least) = (ratios.Max(r => r.Median), ratios.Max(r => r.Least));
        yield return new Figure(
            $"growth.{series}",
            title,
            median,
            "ratio",
            string.Create(CultureInfo.InvariantCulture, $"×{ratios[0].Median:0.0#} then ×{ratios[1].Median:0.0#} (medians) for ×10 input each; the larger is shown; at least ×{least:0.0#} within the iterations' quartiles"),
            least);
    }
}
