using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Agent.Engine;

public sealed partial class HardeningEngine
{
    /// <summary>
    /// One daemon-reload first (so restarts see the new unit files), then each unit restarted
    /// once however many rules asked. What is settled leaves the intents file; what is not
    /// stays for the next run.
    /// </summary>
    private async Task<IReadOnlyList<UnitActionReport>> CarryOutAsync(IReadOnlyList<UnitAction> due, IReadOnlyList<UnitAction> owed, CancellationToken cancellationToken)
    {
        var reports = new List<UnitActionReport>();
        var stillOwed = owed.ToList();
        foreach (var action in due.OrderBy(a => a.Kind == UnitActionKind.DaemonReload ? 0 : 1))
        {
            UnitActionOutcome outcome;
            try
            {
                outcome = action.Kind == UnitActionKind.DaemonReload
                    ? await units.DaemonReloadAsync(cancellationToken).ConfigureAwait(false)
                    : await units.RestartAsync(action.Unit, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsRuleFailure(e, cancellationToken))
            {
                outcome = new UnitActionOutcome(UnitActionResult.Failed, e.Message);
            }

            var name = ActionName(action);
            if (outcome.IsSettled)
            {
                stillOwed.Remove(action);
                EngineLog.UnitActionSettled(logger, name, action.Unit, outcome.Message);
            }
            else
            {
                EngineLog.UnitActionOwed(logger, name, action.Unit, outcome.Message);
            }

            reports.Add(new UnitActionReport(name, action.Unit, ResultName(outcome.Result), outcome.Message));
        }

        intents.Save(stillOwed);
        return reports;
    }

    private static List<UnitActionReport> PlannedUnitActions(IEnumerable<RuleOutcome> outcomes, IReadOnlyList<UnitAction> leftover)
    {
        var planned = outcomes.Where(o => o.Mode == Remediators.RuleMode.Enforce && o.Plan is { IsCompliant: false })
            .SelectMany(o => o.Plan!.UnitActions)
            .Distinct()
            .OrderBy(a => a.Kind == UnitActionKind.DaemonReload ? 0 : 1)
            .Select(a => new UnitActionReport(ActionName(a), a.Unit, "planned", "would run after the changes"));
        var owed = leftover.Select(a => new UnitActionReport(ActionName(a), a.Unit, "pending", "owed by an earlier run that did not finish"));
        return owed.Concat(planned).DistinctBy(r => (r.Action, r.Unit)).ToList();
    }

    private static string ActionName(UnitAction action) =>
        action.Kind == UnitActionKind.DaemonReload ? "daemon-reload" : "restart";

    private static string ResultName(UnitActionResult result) => result switch
    {
        UnitActionResult.Done => "done",
        UnitActionResult.AtNextBoot => "at-next-boot",
        UnitActionResult.Pending => "pending",
        _ => "failed",
    };
}
