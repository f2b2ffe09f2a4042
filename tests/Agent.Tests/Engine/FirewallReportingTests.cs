using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Tests.Support;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudSharkHardening.Agent.Tests.Engine;

/// <summary>How a pass reports what only the firewall rule produces: not applicable, and a chain load.</summary>
public sealed class FirewallReportingTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public async Task RunOnce_NotApplicablePlan_IsReportedAsSuchWithItsReasonAndExitsZero()
    {
        var rule = new FixedPlanRule(Plan.NotApplicable("firewall", "firewalld is running and owns this firewall"));

        var report = await RunAsync(rule, checkOnly: false);

        var firewall = Assert.Single(report.Rules);
        Assert.Equal(RuleStatus.NotApplicable, firewall.Status);
        Assert.Equal(["firewalld is running and owns this firewall"], firewall.Notes);
        Assert.Equal(0, rule.Applies);
        Assert.Equal(ExitCodes.Compliant, report.ExitCode);
        Assert.Contains("firewall         n/a", HumanReportWriter.Render(report, withDiffs: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_CheckOnlyWithAChainLoad_ShowsThePlannedChainAsADiff()
    {
        var options = FirewallOptions.For(Platform.RedHat) with { PublicPorts = [443], LocalOnlyPorts = [] };
        var family = IptablesFamily.Of(options)[0];
        var load = new ChainLoad("iptables:filter/CLOUDSHARK-HARDENING", family, ManagedChain.For(options, family), "", "*filter\nCOMMIT\n", "has no chain CLOUDSHARK-HARDENING");

        var report = await RunAsync(new FixedPlanRule(new Plan("firewall", [load], [], [])), checkOnly: true);

        var diff = Assert.Single(Assert.Single(report.Rules).Changes).Diff;
        Assert.Equal(
            "--- a/iptables:filter/CLOUDSHARK-HARDENING\n+++ b/iptables:filter/CLOUDSHARK-HARDENING\n@@ -0,0 +1,5 @@\n"
            + "+:CLOUDSHARK-HARDENING - [0:0]\n+-A INPUT -j CLOUDSHARK-HARDENING\n+-A CLOUDSHARK-HARDENING -i lo -j RETURN\n"
            + "+-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 443 -j RETURN\n+-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 443 -j DROP\n",
            diff);
        Assert.Contains(diff!, HumanReportWriter.Render(report, withDiffs: true), StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();

    private Task<RunReport> RunAsync(IRule rule, bool checkOnly) =>
        new HardeningEngine(
            [new ConfiguredRule(rule, RuleMode.Enforce)],
            new RecordingUnitManager(),
            new RestartIntentStore(_tree.Files, _tree.Host.Writer, TempTree.StateDirectory),
            new PlanRollback(_tree.Host),
            RetryPipeline.Create(_tree.Time, TimeSpan.FromMinutes(1), TimeSpan.Zero),
            _tree.Time,
            NullLogger<HardeningEngine>.Instance)
        .RunOnceAsync(new RunRequest("test-run", checkOnly, _tree.Root, "redhat"), CancellationToken.None);

    /// <summary>A rule whose check always returns the same plan; apply only counts.</summary>
    private sealed class FixedPlanRule(Plan plan) : IRule
    {
        public string Name => plan.Rule;

        public IReadOnlyList<WatchedPath> WatchedPaths => [];

        public IReadOnlyList<string> WatchedUnits => [];

        public int Applies { get; private set; }

        public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(plan);

        public ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken)
        {
            Applies++;
            return ValueTask.CompletedTask;
        }
    }
}
