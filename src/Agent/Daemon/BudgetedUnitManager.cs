using CloudSharkHardening.Agent.Systemd;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>Restarts only within the <see cref="RestartBudget"/>; a deferred restart stays owed on disk.</summary>
public sealed class BudgetedUnitManager(IUnitManager inner, RestartBudget budget) : IUnitManager
{
    public Task<UnitActionOutcome> DaemonReloadAsync(CancellationToken cancellationToken) => inner.DaemonReloadAsync(cancellationToken);

    public Task<UnitActionOutcome> StopAsync(string unit, CancellationToken cancellationToken) => inner.StopAsync(unit, cancellationToken);

    public Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken) =>
        budget.TryTake(unit, out var refusal)
            ? inner.RestartAsync(unit, cancellationToken)
            : Task.FromResult(new UnitActionOutcome(UnitActionResult.Pending, refusal));
}
