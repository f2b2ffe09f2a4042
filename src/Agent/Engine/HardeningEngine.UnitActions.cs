using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Agent.Engine;

public sealed partial class HardeningEngine
{
    /// <summary>
    /// One daemon-reload first (so restarts see the new unit files), then stops, then each unit restarted
    /// once however many rules asked. What is settled leaves the intents file; what is not
    /// stays for the next run. A unit that does not come back gets the files of the rules
    /// that changed it restored (what each made, a plan cut short included) and is restarted
    /// again; those rules fail.
    /// </summary>
    private async Task<IReadOnlyList<UnitActionReport>> CarryOutAsync(IReadOnlyList<UnitAction> due, IReadOnlyList<UnitAction> owed, IReadOnlyList<RuleOutcome> applied, CancellationToken cancellationToken)
    {
        var reports = new List<UnitActionReport>();
        var stillOwed = owed.ToList();
        foreach (var action in due.OrderBy(a => a.Kind))
        {
            var outcome = await PerformAsync(action, cancellationToken).ConfigureAwait(false);
            var culprits = applied.Where(o => o.OwesUnitActions && o.Plan!.UnitActions.Contains(action)).ToList();
            var reason = culprits.Count > 0 ? "changes" : "owed";
            if (action.Kind == UnitActionKind.Restart && outcome.Result == UnitActionResult.Failed && culprits.Count > 0)
            {
                reports.Add(new UnitActionReport(ActionName(action), action.Unit, ResultName(outcome.Result), outcome.Message, "changes"));
                outcome = await RollBackAsync(action, outcome, culprits, cancellationToken).ConfigureAwait(false);
                reason = "rollback";
            }

            var name = ActionName(action);
            if (outcome.IsSettled)
            {
                stillOwed.Remove(action);
                EngineLog.UnitActionSettled(logger, name, action.Unit, outcome.Message);
            }
            else
            {
                // The files changed but the running service did not follow: not compliant.
                foreach (var culprit in culprits.Where(c => c.Status == RuleStatus.Changed))
                {
                    culprit.Fail($"its files were changed, but {name} {action.Unit} was not done: {outcome.Message}; it stays owed to the next run");
                }

                EngineLog.UnitActionOwed(logger, name, action.Unit, outcome.Message);
            }

            reports.Add(new UnitActionReport(name, action.Unit, ResultName(outcome.Result), outcome.Message, reason));
        }

        intents.Save(stillOwed);
        return reports;
    }

    private async Task<UnitActionOutcome> PerformAsync(UnitAction action, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                async token => action.Kind switch
                {
                    UnitActionKind.DaemonReload => await units.DaemonReloadAsync(token).ConfigureAwait(false),
                    UnitActionKind.Stop => await units.StopAsync(action.Unit, token).ConfigureAwait(false),
                    _ => await units.RestartAsync(action.Unit, token).ConfigureAwait(false),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsRuleFailure(e, cancellationToken))
        {
            // systemd refused or could not be asked (access denied, a masked unit, no bus):
            // no fault of the new files, so no rollback; the action stays owed.
            return new UnitActionOutcome(UnitActionResult.Pending, e.Message);
        }
    }

    private async Task<UnitActionOutcome> RollBackAsync(UnitAction restart, UnitActionOutcome failure, IReadOnlyList<RuleOutcome> culprits, CancellationToken cancellationToken)
    {
        foreach (var culprit in culprits)
        {
            string restored;
            try
            {
                restored = string.Join("; ", await rollback.RevertAsync(culprit.Plan! with { Changes = [.. culprit.Made] }, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (IsRuleFailure(e, cancellationToken))
            {
                restored = $"restoring the previous files failed too: {e.Message}";
            }

            // A plan cut short has failed already: its own error comes first.
            var earlier = culprit.Status == RuleStatus.Failed ? $"{culprit.Error}; then " : "";
            culprit.Fail($"{earlier}{restart.Unit} did not come back with the new configuration: {failure.Message.TrimEnd('.')}. Rolled back: {restored}");
            EngineLog.RolledBack(logger, culprit.Rule.Name, restart.Unit, restored);
        }

        var again = await PerformAsync(restart, cancellationToken).ConfigureAwait(false);
        return again with { Message = $"after restoring the previous files: {again.Message}" };
    }

    private static List<UnitActionReport> PlannedUnitActions(IEnumerable<RuleOutcome> outcomes, IReadOnlyList<UnitAction> leftover)
    {
        var planned = outcomes.Where(o => o.Mode == Remediators.RuleMode.Enforce && o.Plan is { IsCompliant: false })
            .SelectMany(o => o.Plan!.UnitActions)
            .Distinct()
            .OrderBy(a => a.Kind)
            .Select(a => new UnitActionReport(ActionName(a), a.Unit, "planned", "would run after the changes", "changes"));
        var owed = leftover.Select(a => new UnitActionReport(ActionName(a), a.Unit, "pending", "owed by an earlier run that did not finish", "owed"));
        return owed.Concat(planned).DistinctBy(r => (r.Action, r.Unit)).ToList();
    }

    private static string ActionName(UnitAction action) => action.Kind switch
    {
        UnitActionKind.DaemonReload => "daemon-reload",
        UnitActionKind.Stop => "stop",
        _ => "restart",
    };

    private static string ResultName(UnitActionResult result) => result switch
    {
        UnitActionResult.Done => "done",
        UnitActionResult.AtNextBoot => "at-next-boot",
        UnitActionResult.Pending => "pending",
        _ => "failed",
    };
}
