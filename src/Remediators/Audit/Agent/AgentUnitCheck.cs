using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Audit.Agent;

/// <summary>
/// The agent's own unit is enabled, so the hardening is kept between the passes a person
/// runs by hand, and after a reboot.
/// </summary>
public sealed class AgentUnitCheck(ILiveSystem live, string unit) : IAuditCheck
{
    public string Name => "agent-unit";

    public async Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        var state = await live.UnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (state.UnitFileState == "enabled")
        {
            return [];
        }

        var installed = state.LoadState != "not-found";
        return
        [
            new Finding(
                "agent.unit-not-enabled",
                Severity.Medium,
                installed ? $"The agent's unit {unit} is not enabled: nothing keeps the appliance hardened between manual runs" : $"The agent's unit {unit} is not installed: nothing keeps the appliance hardened between manual runs",
                [$"systemd: {state}; unit file state: {(state.UnitFileState.Length == 0 ? "none" : state.UnitFileState)}"],
                installed ? $"Enable it: 'systemctl enable --now {unit}'." : $"Install the cloudshark-hardening package (it ships {unit}), then 'systemctl enable --now {unit}'.",
                []),
        ];
    }
}
