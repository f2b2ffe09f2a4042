using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudSharkHardening.Agent.Tests.Support;

/// <summary>An engine over a real temp tree, with recorded unit actions and no retry delay.</summary>
internal sealed class EngineHarness : IDisposable
{
    public EngineHarness() => Intents = new RestartIntentStore(Tree.Files, Tree.Host.Writer, TempTree.StateDirectory);

    public TempTree Tree { get; } = new();

    public RecordingUnitManager Units { get; } = new();

    public RestartIntentStore Intents { get; }

    public Task<RunReport> RunAsync(bool checkOnly, params (FileContentRule Rule, RuleMode Mode)[] rules) =>
        RunWithAsync(Units, checkOnly, rules);

    public Task<RunReport> RunWithAsync(IUnitManager units, bool checkOnly, params (FileContentRule Rule, RuleMode Mode)[] rules)
    {
        var engine = new HardeningEngine(
            rules.Select(r => new ConfiguredRule(r.Rule, r.Mode)).ToList(),
            units,
            Intents,
            new PlanRollback(Tree.Host),
            RetryPipeline.Create(Tree.Time, TimeSpan.FromMinutes(1), TimeSpan.Zero),
            Tree.Time,
            NullLogger<HardeningEngine>.Instance);
        return engine.RunOnceAsync(new RunRequest("test-run", checkOnly, Tree.Root, "redhat"), CancellationToken.None);
    }

    public void Dispose() => Tree.Dispose();
}
