using CloudSharkHardening.Agent.Reports;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// A rule whose repair fails the same way pass after pass (its file immutable, its directory
/// read-only) is paused like a contested one: trying again changes nothing but the journal.
/// Its pause is lifted as soon as a check finds something else: the file changed, the rule
/// holds, or it fails differently.
/// </summary>
public sealed partial class ContestTracker
{
    /// <summary>This many passes in a row failing a rule's repair the same way pause its repairs.</summary>
    public const int FailuresToPause = 3;

    /// <summary>A rule the pass ran in its own mode: its repair failed again, differently, or not at all.</summary>
    private void Attempted(RuleReport rule)
    {
        var failure = RepairFailure.Of(rule);
        if (failure is null && !_rules.ContainsKey(rule.Name))
        {
            return;
        }

        var state = Of(rule.Name);
        state.ResumeDue = false;
        state.ResumedBecause = null;
        if (failure != state.Failure)
        {
            state.Failure = failure;
            state.FailingSince = time.GetUtcNow();
            state.FailuresInARow = 0;
            state.FailureLevel = 0;
        }

        // Failing again right after a pause ended is the same failure: back off further at once.
        if (failure is not null && ++state.FailuresInARow >= FailuresToPause)
        {
            Pause(state, PauseReason.Failing, state.FailureLevel++);
        }
    }

    /// <summary>A rule paused for failing was only checked: anything but the same plan lifts the pause.</summary>
    private void CheckedWhilePaused(RuleReport rule)
    {
        if (!_rules.TryGetValue(rule.Name, out var state) || state.Reason != PauseReason.Failing || state.Failure is not { } failure)
        {
            return;
        }

        var why = rule.Status switch
        {
            RuleStatus.Compliant => "the rule holds now",
            RuleStatus.Failed => $"its check fails otherwise now: {rule.Error}",
            _ when RepairFailure.PlanOf(rule) != failure.Plan => "what its check finds has changed",
            _ => null,
        };
        if (why is null)
        {
            return;
        }

        state.PausedUntil = DateTimeOffset.MinValue;
        state.ResumeDue = true;
        state.ResumedBecause = why;
        state.Failure = null;
        state.FailuresInARow = 0;
        state.FailureLevel = 0;
    }

    private RuleReport DescribeFailing(RuleReport rule, RuleContest state, bool wasPaused)
    {
        if (wasPaused && state.ResumedBecause is { } why)
        {
            return rule with { Notes = [$"repairs resume: {why}", .. rule.Notes] };
        }

        if (state.Failure is not { } failure || state.PausedUntil <= time.GetUtcNow())
        {
            return rule;
        }

        var note = $"failing the same way since {state.FailingSince:u}; repairs paused until {state.PausedUntil:u} (pause {state.FailureLevel} of an exponential back-off)";
        // A pass that only checked the rule shows its drift; the failure is what stands.
        return rule.Status == RuleStatus.Drift
            ? rule with { Status = RuleStatus.Failed, Error = failure.Error, Notes = [note, .. rule.Notes] }
            : rule with { Notes = [note, .. rule.Notes] };
    }
}
