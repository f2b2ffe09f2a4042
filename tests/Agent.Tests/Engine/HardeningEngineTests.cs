using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Tests.Support;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Engine;

public sealed class HardeningEngineTests : IDisposable
{
    /// <summary>
    /// A file the agent cannot replace, as an immutable one: its name leaves no room for the
    /// writer's temporary file beside it, so the kernel refuses (ENAMETOOLONG), root or not.
    /// </summary>
    private static readonly string Unwritable = "/etc/" + new string('n', 220) + ".conf";

    private readonly EngineHarness _harness = new();

    private TempTree Tree => _harness.Tree;

    [Fact]
    public async Task RunOnce_Drift_AppliesRestartsOnceAndSecondRunIsQuiet()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service"));

        var first = await _harness.RunAsync(false, (rule, RuleMode.Enforce));
        var snapshot = Tree.Snapshot();
        var second = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(ExitCodes.ChangesMade, first.ExitCode);
        Assert.Equal(RuleStatus.Changed, first.Rules[0].Status);
        Assert.Equal("new\n", Tree.Read("/etc/a.conf"));
        Assert.Equal(ExitCodes.Compliant, second.ExitCode);
        Assert.Equal(["restart a.service"], _harness.Units.Calls);
        Assert.Equal(snapshot, Tree.Snapshot());
        Assert.False(Tree.Exists(_harness.Intents.FilePath));
    }

    [Fact]
    public async Task RunOnce_CheckOnly_ChangesNothingAndReportsPlannedActions()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service"));
        var before = Tree.Snapshot();

        var report = await _harness.RunAsync(true, (rule, RuleMode.Enforce));

        Assert.Equal(ExitCodes.ChangesMade, report.ExitCode);
        Assert.Equal(RuleStatus.Drift, report.Rules[0].Status);
        Assert.Contains("+new", report.Rules[0].Changes[0].Diff, StringComparison.Ordinal);
        Assert.Equal("planned", Assert.Single(report.UnitActions).Result);
        Assert.Equal(before, Tree.Snapshot());
        Assert.Empty(_harness.Units.Calls);
        Assert.Equal(0, rule.Applies);
    }

    [Fact]
    public async Task RunOnce_SeveralRulesWantTheSameUnit_ReloadOnceFirstThenRestartEachUnitOnce()
    {
        var a = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n", UnitAction.Restart("x.service"), UnitAction.DaemonReload);
        var b = new FileContentRule("b", Tree.Host, "/etc/b.conf", "b\n", UnitAction.Restart("x.service"), UnitAction.Restart("y.service"));
        var c = new FileContentRule("c", Tree.Host, "/etc/c.conf", "c\n", UnitAction.DaemonReload);
        Tree.MakeDirectory("/etc");

        await _harness.RunAsync(false, (a, RuleMode.Enforce), (b, RuleMode.Enforce), (c, RuleMode.Enforce));

        Assert.Equal(["daemon-reload", "restart x.service", "restart y.service"], _harness.Units.Calls);
    }

    [Fact]
    public async Task RunOnce_OneRuleFailsToCheck_OthersStillApplyAndExitIsSix()
    {
        Tree.MakeDirectory("/etc");
        var broken = new FileContentRule("broken", Tree.Host, "/etc/x.conf", "x\n") { FailCheck = _ => FileContentRule.Terminal("cannot parse /etc/x.conf") };
        var fine = new FileContentRule("fine", Tree.Host, "/etc/a.conf", "a\n");

        var report = await _harness.RunAsync(false, (broken, RuleMode.Enforce), (fine, RuleMode.Enforce));

        Assert.Equal(ExitCodes.ChangesMade | ExitCodes.RuleFailed, report.ExitCode);
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Equal("cannot parse /etc/x.conf", report.Rules[0].Error);
        Assert.Equal(RuleStatus.Changed, report.Rules[1].Status);
    }

    [Fact]
    public async Task RunOnce_FileItCannotWrite_NoRestartNowOrAtTheNextPassAndNoIntentsLeft()
    {
        Tree.Write(Unwritable, "old\n");
        var rule = new FileContentRule("a", Tree.Host, Unwritable, "new\n", UnitAction.Restart("a.service"));
        IReadOnlyList<UnitAction>? seenDuringApply = null;
        rule.BeforeApply = () => seenDuringApply = _harness.Intents.Load();

        var first = await _harness.RunAsync(false, (rule, RuleMode.Enforce));
        var second = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal([UnitAction.Restart("a.service")], seenDuringApply); // still written before the attempt
        Assert.All([first, second], report =>
        {
            Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
            Assert.Contains("could not be replaced", report.Rules[0].Error, StringComparison.Ordinal);
            Assert.Empty(report.UnitActions);
        });
        Assert.Empty(_harness.Units.Calls);
        Assert.False(Tree.Exists(_harness.Intents.FilePath));
        Assert.Equal("old\n", Tree.Read(Unwritable));
    }

    [Fact]
    public async Task RunOnce_PlanFailsAfterItsFirstChange_TheRestartItNeedsIsDone()
    {
        Tree.Write("/etc/a.conf", "old\n").Write(Unwritable, "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service")) { Then = (Unwritable, "new\n") };

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal("new\n", Tree.Read("/etc/a.conf"));
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Contains("after 1 of its changes were made", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Equal(["restart a.service"], _harness.Units.Calls);
        Assert.Equal(("done", "changes"), (report.UnitActions[0].Result, report.UnitActions[0].Reason));
        Assert.False(Tree.Exists(_harness.Intents.FilePath));
    }

    [Fact]
    public async Task RunOnce_PlanCutShortAndTheUnitDoesNotComeBack_OnlyWhatWasMadeIsRolledBack()
    {
        Tree.Write("/etc/a.conf", "old\n").Write(Unwritable, "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service")) { Then = (Unwritable, "new\n") };
        _harness.Units.FailingRestarts.Add("a.service");

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal("old\n", Tree.Read("/etc/a.conf"));
        Assert.Equal(["restart a.service", "restart a.service"], _harness.Units.Calls);
        Assert.Contains("could not be replaced", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Contains("Rolled back: restored /etc/a.conf", report.Rules[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_FailedRuleSharesItsRestartWithOneThatChanged_TheRestartIsDoneOnce()
    {
        Tree.Write(Unwritable, "old\n").Write("/etc/b.conf", "old\n");
        var failing = new FileContentRule("a", Tree.Host, Unwritable, "new\n", UnitAction.Restart("x.service"));
        var changing = new FileContentRule("b", Tree.Host, "/etc/b.conf", "new\n", UnitAction.Restart("x.service"));

        await _harness.RunAsync(false, (failing, RuleMode.Enforce), (changing, RuleMode.Enforce));

        Assert.Equal(["restart x.service"], _harness.Units.Calls);
        Assert.False(Tree.Exists(_harness.Intents.FilePath));
    }

    [Fact]
    public async Task RunOnce_FailedRuleWantsARestartAnEarlierRunLeftOwed_TheLeftoverIsStillDone()
    {
        Tree.Write(Unwritable, "old\n");
        _harness.Intents.Save([UnitAction.Restart("a.service")]);
        var rule = new FileContentRule("a", Tree.Host, Unwritable, "new\n", UnitAction.Restart("a.service"), UnitAction.DaemonReload);

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(["restart a.service"], _harness.Units.Calls);
        Assert.Equal("owed", Assert.Single(report.UnitActions).Reason);
        Assert.False(Tree.Exists(_harness.Intents.FilePath));
    }

    [Fact]
    public async Task RunOnce_ApplyTimedOut_WhatItMadeIsUnknownSoTheRestartStaysOwed()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service"))
        {
            BeforeApply = () => Tree.Time.Advance(TimeSpan.FromMinutes(2)), // past the harness's attempt timeout
        };

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Empty(_harness.Units.Calls);
        Assert.Equal([UnitAction.Restart("a.service")], _harness.Intents.Load());
    }

    [Fact]
    public async Task RunOnce_IntentIsOnDiskBeforeTheFirstFileChanges()
    {
        Tree.MakeDirectory("/etc");
        IReadOnlyList<UnitAction>? seenDuringApply = null;
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n", UnitAction.Restart("a.service"));
        rule.BeforeApply = () => seenDuringApply = _harness.Intents.Load();

        await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal([UnitAction.Restart("a.service")], seenDuringApply);
    }

    [Fact]
    public async Task RunOnce_AfterACrashBetweenWriteAndRestart_NextRunRestartsAlthoughFilesAreCompliant()
    {
        Tree.MakeDirectory("/etc");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n", UnitAction.Restart("a.service"));
        _harness.Units.OnRestart = _ => throw new InvalidOperationException("simulated crash: the process dies here");
        await Assert.ThrowsAsync<InvalidOperationException>(() => _harness.RunAsync(false, (rule, RuleMode.Enforce)));
        Assert.Equal("a\n", Tree.Read("/etc/a.conf"));
        _harness.Units.OnRestart = null;
        _harness.Units.Calls.Clear();

        var next = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(RuleStatus.Compliant, next.Rules[0].Status);
        Assert.Equal(["restart a.service"], _harness.Units.Calls);
        Assert.Equal(ExitCodes.ChangesMade, next.ExitCode);
        Assert.Empty(_harness.Intents.Load());
    }

    [Fact]
    public async Task RunOnce_UnitManagerCannotActYet_IntentsAreKeptForTheNextRun()
    {
        Tree.MakeDirectory("/etc");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n", UnitAction.Restart("a.service"));

        await using var unreachable = new SystemdUnitManager(
            _ => throw new CloudSharkHardening.Agent.Systemd.DBus.DBusConnectionException("no bus here", isTransient: true),
            new CloudSharkHardening.Remediators.Host.Processes.CommandRunner(Tree.Time),
            Tree.Time,
            TimeSpan.FromSeconds(1),
            new RestartSettle(TimeSpan.FromSeconds(2), _ => true));

        var report = await _harness.RunWithAsync(unreachable, false, (rule, RuleMode.Enforce));

        Assert.Equal("pending", Assert.Single(report.UnitActions).Result);
        Assert.Equal([UnitAction.Restart("a.service")], _harness.Intents.Load());
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Equal("a\n", Tree.Read("/etc/a.conf"));
    }

    [Fact]
    public async Task RunOnce_SystemdRefusesTheRestart_NoRollbackRuleFailedRestartOwed()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service"));
        _harness.Units.RefusedRestarts.Add("a.service");

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal("new\n", Tree.Read("/etc/a.conf"));
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Contains("AccessDenied", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.RuleFailed, report.ExitCode);
        Assert.Equal([UnitAction.Restart("a.service")], _harness.Intents.Load());
    }

    [Fact]
    public async Task RunOnce_TransientApplyFailure_RetriesWithAFreshCheck()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n")
        {
            FailApply = attempt => attempt == 1 ? FileContentRule.Transient() : null,
        };

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(RuleStatus.Changed, report.Rules[0].Status);
        Assert.Equal(2, rule.Applies);
        Assert.Equal(3, rule.Checks); // the pass's check, the retry's fresh check, the verification
    }

    [Fact]
    public async Task RunOnce_FileRewrittenBetweenCheckAndApply_IsNotClobberedThenConverges()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n");
        var disturbed = false;
        rule.BeforeApply = () =>
        {
            if (!disturbed)
            {
                disturbed = true;
                Tree.Write("/etc/a.conf", "someone else's edit\n");
            }
        };

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(RuleStatus.Changed, report.Rules[0].Status);
        var history = Tree.Host.Backups.History("/etc/a.conf");
        Assert.Equal("someone else's edit\n", System.Text.Encoding.UTF8.GetString(Tree.Host.Backups.Content(Assert.Single(history))!));
    }

    [Fact]
    public async Task RunOnce_ApplyThatDoesNotConverge_IsReportedFailed()
    {
        Tree.MakeDirectory("/etc");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n") { ApplyIsCorrect = false };

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Contains("did not converge", report.Rules[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_AuditMode_ReportsDriftAndChangesNothing()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n", UnitAction.Restart("a.service"));
        var before = Tree.Snapshot();

        var report = await _harness.RunAsync(false, (rule, RuleMode.Audit));

        Assert.Equal(RuleStatus.Drift, report.Rules[0].Status);
        Assert.Equal(ExitCodes.ChangesMade, report.ExitCode);
        Assert.Equal(before, Tree.Snapshot());
        Assert.Empty(_harness.Units.Calls);
    }

    [Fact]
    public async Task RunOnce_OffRule_IsNeitherCheckedNorApplied()
    {
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "a\n");

        var report = await _harness.RunAsync(false, (rule, RuleMode.Off));

        Assert.Equal(RuleStatus.Off, report.Rules[0].Status);
        Assert.Equal(0, rule.Checks);
        Assert.Equal(ExitCodes.Compliant, report.ExitCode);
    }

    [Fact]
    public async Task RunOnce_UnitDoesNotComeBack_OldFileRestoredUnitRestartedAgainRuleFailed()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service"));
        _harness.Units.FailingRestarts.Add("a.service");

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal("old\n", Tree.Read("/etc/a.conf"));
        Assert.Equal(["restart a.service", "restart a.service"], _harness.Units.Calls);
        Assert.Equal(ExitCodes.RuleFailed, report.ExitCode);
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Contains("a.service did not come back", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Contains("ActiveState=failed", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Equal(["failed", "done"], report.UnitActions.Select(u => u.Result));
        Assert.Empty(_harness.Intents.Load());
    }

    [Fact]
    public async Task RunOnce_UnitDoesNotComeBackEvenAfterRollback_RestartStaysOwed()
    {
        Tree.Write("/etc/a.conf", "old\n");
        var rule = new FileContentRule("a", Tree.Host, "/etc/a.conf", "new\n", UnitAction.Restart("a.service"));
        _harness.Units.FailingRestarts.AddRange(["a.service", "a.service"]);

        var report = await _harness.RunAsync(false, (rule, RuleMode.Enforce));

        Assert.Equal("old\n", Tree.Read("/etc/a.conf"));
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Equal([UnitAction.Restart("a.service")], _harness.Intents.Load());
    }

    public void Dispose() => _harness.Dispose();
}
