using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>
/// One short job for every benchmark, so the whole in-process part takes a few minutes on a
/// shared 2-core machine. In process: BenchmarkDotNet's usual out-of-process build would
/// generate a project under this repository, where the analyzers and warnings-as-errors of
/// Directory.Build.props would judge its generated code. Medians, not means, are reported:
/// the machine is shared and a neighbour's burst only moves a few iterations.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create(string artifacts, bool quick) =>
        ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(quick ? 1 : 3)
                .WithIterationCount(quick ? 3 : 9)
                .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 100 : 250))
                .WithId(quick ? "quick" : "bench"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
}
