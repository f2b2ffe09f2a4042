namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// For <c>--root</c>: the tree is an image, not a running system. Nothing runs from it now,
/// so every unit reads the new files when the image boots; there is nothing to restart.
/// </summary>
public sealed class OfflineUnitManager : IUnitManager
{
    public Task<UnitActionOutcome> DaemonReloadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new UnitActionOutcome(UnitActionResult.AtNextBoot, "unit files are read at next boot"));

    public Task<UnitActionOutcome> StopAsync(string unit, CancellationToken cancellationToken) =>
        Task.FromResult(new UnitActionOutcome(UnitActionResult.AtNextBoot, $"{unit} does not start at next boot"));

    public Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken) =>
        Task.FromResult(new UnitActionOutcome(UnitActionResult.AtNextBoot, $"{unit} starts with the new configuration at next boot"));
}
