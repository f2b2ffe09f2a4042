namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// A live system this build cannot reach systemd on. Restarts are left pending, so the
/// intents stay on disk and the next run that can reach systemd carries them out; claiming
/// them done would leave a service running with its old, unhardened configuration.
/// </summary>
public sealed class DisconnectedUnitManager(string reason) : IUnitManager
{
    public Task<UnitActionOutcome> DaemonReloadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new UnitActionOutcome(UnitActionResult.Pending, $"daemon-reload pending: {reason}"));

    public Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken) =>
        Task.FromResult(new UnitActionOutcome(UnitActionResult.Pending, $"restart of {unit} pending: {reason}"));
}
