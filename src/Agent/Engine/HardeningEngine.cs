using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Plans;
using Microsoft.Extensions.Logging;
using Polly;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>
/// One pass: check every rule, apply what enforce-mode rules planned, carry out the
/// coalesced unit actions, check again, report. Owns every policy around the rules: dry
/// runs, retries, failure isolation, restart bookkeeping. A failing rule never stops the others.
/// </summary>
public sealed partial class HardeningEngine(
    IReadOnlyList<ConfiguredRule> rules,
    IUnitManager units,
    RestartIntentStore intents,
    PlanRollback rollback,
    ResiliencePipeline pipeline,
    TimeProvider time,
    ILogger<HardeningEngine> logger,
    Action<string>? afterRuleApplied = null)
{
    public async Task<RunReport> RunOnceAsync(RunRequest request, CancellationToken cancellationToken)
    {
        // Every event of the pass carries RunId (a RUN_ID= journal field) to tie it to the report.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = request.RunId });
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        EngineLog.PassStarted(logger, request.RunId, request.CheckOnly ? "check" : "apply");

        var leftover = intents.Load();
        var outcomes = new List<RuleOutcome>();
        foreach (var configured in rules)
        {
            outcomes.Add(await CheckAsync(configured, cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<UnitActionReport> unitReports;
        if (request.CheckOnly)
        {
            unitReports = PlannedUnitActions(outcomes, leftover);
        }
        else
        {
            var toApply = outcomes.Where(o => o.Mode == RuleMode.Enforce && o.Plan is { IsCompliant: false }).ToList();
            var owed = leftover.Concat(toApply.SelectMany(o => o.Plan!.UnitActions)).Distinct().ToList();
            if (owed.Count > leftover.Count)
            {
                // Written before the first file changes: a crash from here on cannot lose a restart.
                intents.Save(owed);
                EngineLog.IntentsRecorded(logger, owed);
            }

            foreach (var outcome in toApply)
            {
                await ApplyAsync(outcome, cancellationToken).ConfigureAwait(false);
                if (outcome.FailedWithoutChange && Owed(leftover, toApply) is { } still && still.Count < owed.Count)
                {
                    // A restart is owed for a change that was made: this rule made none, and what
                    // an earlier run or another rule still needs stays in the list.
                    var withdrawn = owed.Except(still).ToList();
                    owed = still;
                    intents.Save(owed);
                    EngineLog.IntentsWithdrawn(logger, outcome.Rule.Name, withdrawn);
                }
            }

            var due = leftover.Concat(toApply.Where(o => o.OwesUnitActions).SelectMany(o => o.Plan!.UnitActions)).Distinct().ToList();
            if (leftover.Count > 0)
            {
                EngineLog.LeftoverIntents(logger, leftover);
            }

            unitReports = await CarryOutAsync(due, owed, toApply, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in toApply.Where(o => o.Status == RuleStatus.Changed))
            {
                await VerifyAsync(outcome, cancellationToken).ConfigureAwait(false);
            }
        }

        var report = new RunReport(
            request.RunId,
            startedAt,
            time.GetElapsedTime(started).TotalMilliseconds,
            request.CheckOnly,
            request.Root,
            request.Platform,
            outcomes.Select(o => o.ToReport()).ToList(),
            unitReports);
        EngineLog.PassFinished(logger, request.RunId, report.DurationMilliseconds, report.ExitCode);
        return report;
    }

    private async Task<RuleOutcome> CheckAsync(ConfiguredRule configured, CancellationToken cancellationToken)
    {
        var outcome = new RuleOutcome(configured.Rule, configured.Mode);
        if (configured.Mode == RuleMode.Off)
        {
            outcome.Status = RuleStatus.Off;
            return outcome;
        }

        try
        {
            outcome.Plan = await pipeline.ExecuteAsync(configured.Rule.CheckAsync, cancellationToken).ConfigureAwait(false);
            outcome.Status = outcome.Plan.NotApplicableBecause is not null ? RuleStatus.NotApplicable : outcome.Plan.IsCompliant ? RuleStatus.Compliant : RuleStatus.Drift;
            if (outcome.Plan.IsCompliant)
            {
                EngineLog.RuleCompliant(logger, configured.Rule.Name);
            }
            else
            {
                EngineLog.RuleDrift(logger, configured.Rule.Name, outcome.Plan.Changes.Length);
            }
        }
        catch (Exception e) when (IsRuleFailure(e, cancellationToken))
        {
            outcome.Fail(e.Message);
            EngineLog.RuleFailed(logger, configured.Rule.Name, e.Message);
        }

        return outcome;
    }

    /// <summary>What is owed once the rules that failed having changed nothing are left out.</summary>
    private static List<UnitAction> Owed(IReadOnlyList<UnitAction> leftover, IEnumerable<RuleOutcome> toApply) =>
        leftover.Concat(toApply.Where(o => !o.FailedWithoutChange).SelectMany(o => o.Plan!.UnitActions)).Distinct().ToList();

    private async Task ApplyAsync(RuleOutcome outcome, CancellationToken cancellationToken)
    {
        var rule = outcome.Rule;
        var attempt = 0;
        try
        {
            // The first attempt applies the plan that was checked; a retry (the file moved
            // under us) checks afresh, so it never applies a stale plan. What each attempt
            // made is kept: it decides whether the plan's restarts are owed.
            outcome.Plan = await pipeline.ExecuteAsync(
                async token =>
                {
                    var plan = attempt++ == 0 ? outcome.Plan! : await rule.CheckAsync(token).ConfigureAwait(false);
                    try
                    {
                        await rule.ApplyAsync(plan, token).ConfigureAwait(false);
                    }
                    catch (PlanIncompleteException e)
                    {
                        Made(outcome, plan.Changes.Take(e.ChangesMade));
                        throw;
                    }
                    catch (OperationCanceledException)
                    {
                        outcome.MadeUnknown = true;
                        throw;
                    }

                    Made(outcome, plan.Changes);
                    return plan;
                },
                cancellationToken).ConfigureAwait(false);
            outcome.Status = RuleStatus.Changed;
            outcome.Applied = true;
            afterRuleApplied?.Invoke(rule.Name);
        }
        catch (Exception e) when (IsRuleFailure(e, cancellationToken))
        {
            var error = outcome.Made.Count == 0 ? e.Message : $"{e.Message} (after {outcome.Made.Count} of its changes were made: their unit actions are owed)";
            outcome.Fail(error);
            EngineLog.RuleFailed(logger, rule.Name, error);
        }
    }

    private void Made(RuleOutcome outcome, IEnumerable<Change> changes)
    {
        foreach (var change in changes)
        {
            outcome.Made.Add(change);
            EngineLog.ChangeApplied(logger, outcome.Rule.Name, change);
        }
    }

    private async Task VerifyAsync(RuleOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            var again = await outcome.Rule.CheckAsync(cancellationToken).ConfigureAwait(false);
            if (!again.IsCompliant)
            {
                var remaining = string.Join("; ", again.Changes.Select(c => c.Describe()).Concat(again.Evidence).Concat(again.UnitActions.Select(a => $"{a} still needed")));
                outcome.Fail($"did not converge: a second check still finds: {remaining}");
                outcome.Plan = outcome.Plan! with { Evidence = again.Evidence };
                EngineLog.RuleDidNotConverge(logger, outcome.Rule.Name, remaining);
            }
        }
        catch (Exception e) when (IsRuleFailure(e, cancellationToken))
        {
            outcome.Fail($"the check after apply failed: {e.Message}");
            EngineLog.RuleFailed(logger, outcome.Rule.Name, e.Message);
        }
    }

    /// <summary>
    /// A rule's failure is isolated and reported; cancellation of the pass is not a rule
    /// failure and bad programming (argument errors, null references) still surfaces in tests.
    /// </summary>
    private static bool IsRuleFailure(Exception e, CancellationToken cancellationToken) =>
        e is HardeningException or IOException or UnauthorizedAccessException or Polly.Timeout.TimeoutRejectedException
        && !cancellationToken.IsCancellationRequested;
}
