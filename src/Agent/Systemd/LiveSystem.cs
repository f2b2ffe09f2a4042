using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Agent.Systemd;

/// <summary>The running appliance: sockets from /proc, units from systemd over D-Bus.</summary>
public sealed class LiveSystem(ListenerProbe probe, SystemdUnitManager systemd, Remediators.Host.Processes.CommandRunner commands) : ILiveSystem
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    public bool IsRunning => true;

    public IReadOnlyList<Listener> Listeners() => probe.Listeners();

    public async Task<string?> CommandOutputAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await commands.RunAsync(program, arguments, CommandTimeout, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? result.Output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }

    public Task<UnitState> UnitStateAsync(string unit, CancellationToken cancellationToken) =>
        systemd.GetStateAsync(unit, cancellationToken);

    public Task<UnitState?> LoadedUnitStateAsync(string unit, CancellationToken cancellationToken) =>
        systemd.GetLoadedStateAsync(unit, cancellationToken);

    public Task<IReadOnlyList<UnitState>> LoadedSocketUnitsAsync(CancellationToken cancellationToken) =>
        systemd.LoadedSocketUnitsAsync(cancellationToken);

    public Task<string> UnitFileStateAsync(string unit, CancellationToken cancellationToken) =>
        systemd.UnitFileStateAsync(unit, cancellationToken);
}
