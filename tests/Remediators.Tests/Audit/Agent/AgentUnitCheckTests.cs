using CloudSharkHardening.Remediators.Audit.Agent;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Agent;

public sealed class AgentUnitCheckTests
{
    private const string Unit = "cloudshark-hardening.service";

    [Fact]
    public async Task Run_UnitNotInstalled_SaysToInstallThePackage()
    {
        var finding = Assert.Single(await new AgentUnitCheck(new FakeLiveSystem(), Unit).RunAsync(CancellationToken.None));

        Assert.Equal("agent.unit-not-enabled", finding.Id);
        Assert.Contains("is not installed", finding.Title, StringComparison.Ordinal);
        Assert.Equal(["systemd: cloudshark-hardening.service: not-found, inactive (dead); unit file state: none"], finding.Evidence);
    }

    [Fact]
    public async Task Run_UnitDisabled_SaysToEnableIt()
    {
        var live = new FakeLiveSystem();
        live.Units[Unit] = FakeLiveSystem.Unit(Unit, activeState: "inactive") with { UnitFileState = "disabled" };

        var finding = Assert.Single(await new AgentUnitCheck(live, Unit).RunAsync(CancellationToken.None));

        Assert.Contains("is not enabled", finding.Title, StringComparison.Ordinal);
        Assert.Equal($"Enable it: 'systemctl enable --now {Unit}'.", finding.Fix);
    }

    [Fact]
    public async Task Run_UnitEnabled_FindsNothing()
    {
        var live = new FakeLiveSystem();
        live.Units[Unit] = FakeLiveSystem.Unit(Unit) with { UnitFileState = "enabled" };

        Assert.Empty(await new AgentUnitCheck(live, Unit).RunAsync(CancellationToken.None));
    }
}
