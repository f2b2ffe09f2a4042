using System.Globalization;
using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Benchmarks.Inputs;
using CloudSharkHardening.Remediators.Rules.Firewall;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>
/// A whole compliant pass: every rule's check in a row, and the engine's pass around them as
/// the daemon runs it (intents read, checks, nothing to apply, the report built). The engine's
/// log goes nowhere here; the daemon's goes to the journal.
/// </summary>
public class PassBenchmarks : ApplianceBenchmark
{
    private int _runs;

    [GlobalSetup]
    public void Setup() => Build(ApplianceShape.Sample);

    [Benchmark]
    public Task<int> AllRules() => CheckAsync(Appliance.Rules);

    /// <summary>The test bed's configuration keeps the firewall off: this is the pass its daemon runs.</summary>
    [Benchmark]
    public Task<int> AllRulesButFirewall() => CheckAsync(Appliance.Rules.Where(r => r.Rule.Name != FirewallRule.RuleName));

    [Benchmark]
    public Task<RunReport> EnginePass()
    {
        var host = Appliance.Host;
        var engine = new HardeningEngine(
            Appliance.Rules,
            new OfflineUnitManager(),
            new RestartIntentStore(host.Files, host.Writer, Appliance.Config.StateDirectory),
            new PlanRollback(host),
            RetryPipeline.Create(host.Time, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200)),
            host.Time,
            NullLogger<HardeningEngine>.Instance);
        var runId = (++_runs).ToString(CultureInfo.InvariantCulture);
        return engine.RunOnceAsync(new RunRequest(runId, false, host.Files.Root, Appliance.Config.PlatformName), CancellationToken.None);
    }

    private static async Task<int> CheckAsync(IEnumerable<ConfiguredRule> rules)
    {
        var changes = 0;
        foreach (var configured in rules)
        {
            changes += (await configured.Rule.CheckAsync(CancellationToken.None).ConfigureAwait(false)).Changes.Length;
        }

        return changes;
    }
}
