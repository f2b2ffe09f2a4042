using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>The hold on its own: which passes make one, and what ends it.</summary>
public sealed class RestartHoldsTests
{
    private const string Restart = "restart memcached.service";
    private static readonly RuleWatches Watches = new([new WatchedPath("/etc/memcached.conf", WatchScope.Node)], ["memcached.service"]);
    private readonly RestartHolds _holds = new(new ManualTimeProvider(), NullLogger<RestartHolds>.Instance);

    [Fact]
    public void ServiceRolledBackAfterItsRestart_IsHeldAndNamedOnce()
    {
        var rolledBack = Pass(Enforced(RuleStatus.Failed), ("failed", "changes"), ("done", "rollback"));

        var reported = Assert.Single(_holds.Observe(rolledBack, Empty, 4, _ => Watches));

        Assert.Equal(["memcached"], _holds.Held());
        Assert.StartsWith("memcached.service was restarted at 06:00:00 and the rule still does not hold", reported.Notes[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pending", "changes")] // the restart budget deferred it
    [InlineData("done", "owed")] // an earlier run's restart, not this rule's
    public void RuleFailedWithoutARestartOfItsOwn_IsNotHeld(string result, string reason)
    {
        _holds.Observe(Pass(Enforced(RuleStatus.Failed), (result, reason)), Empty, 0, _ => Watches);

        Assert.Empty(_holds.Held());
    }

    [Fact]
    public void HeldRuleWhoseCheckFindsSomethingElse_IsRepairedAgainAtOnce()
    {
        Hold();
        _holds.Observe(Pass(Checked(Restart)), Held, 4, _ => Watches);

        var reported = Assert.Single(_holds.Observe(Pass(Checked("restart memcached.service", "daemon-reload")), Held, 4, _ => Watches));

        Assert.Empty(_holds.Held());
        Assert.True(_holds.ResumeDue);
        Assert.Equal(RuleStatus.Drift, reported.Status);
    }

    [Fact]
    public void HeldRuleThatHoldsNow_IsNoLongerHeldAndNoPassIsHurried()
    {
        Hold();

        _holds.Observe(Pass(Checked() with { Status = RuleStatus.Compliant }), Held, 4, _ => Watches);

        Assert.Empty(_holds.Held());
        Assert.False(_holds.ResumeDue);
    }

    [Theory]
    [InlineData(TriggerKind.Path, "/etc/memcached.conf", 4, true)]
    [InlineData(TriggerKind.Path, "/etc/memcached.conf", 5, false)] // an echo of the pass that restarted
    [InlineData(TriggerKind.Path, "/etc/my.cnf", 4, false)]
    [InlineData(TriggerKind.Path, "(inotify queue overflowed)", 4, true)]
    [InlineData(TriggerKind.Unit, "memcached.service", 4, true)]
    [InlineData(TriggerKind.Unit, "mariadb.service", 4, false)]
    [InlineData(TriggerKind.Timer, "", 4, false)]
    public void Trigger_EndsTheHoldOnlyWhenItNamesWhatTheRuleWatchesAndCameAfterThePass(TriggerKind kind, string subject, long lastTriggerOfThePass, bool ends)
    {
        _holds.Observe(Pass(Enforced(RuleStatus.Failed), ("done", "changes")), Empty, lastTriggerOfThePass, _ => Watches);

        _holds.Noticed(new Trigger(kind, subject) { Sequence = 5 });

        Assert.Equal(ends, _holds.Held().Count == 0);
    }

    private static IReadOnlySet<string> Empty { get; } = new HashSet<string>();

    private static IReadOnlySet<string> Held { get; } = new HashSet<string> { "memcached" };

    private static RuleReport Enforced(RuleStatus status) =>
        new("memcached", RuleMode.Enforce, status, [], [Restart], [], [], status == RuleStatus.Failed ? "did not converge" : null) { Applied = true };

    private static RuleReport Checked(params string[] unitActions) => new("memcached", RuleMode.Audit, RuleStatus.Drift, [], unitActions, [], [], null);

    private static RunReport Pass(RuleReport rule, params (string Result, string Reason)[] restarts) =>
        new("run", DateTimeOffset.UnixEpoch, 1, false, "/", "redhat", [rule], [.. restarts.Select(r => new UnitActionReport("restart", "memcached.service", r.Result, "", r.Reason))]);

    private void Hold() => _holds.Observe(Pass(Enforced(RuleStatus.Failed), ("done", "changes")), Empty, 4, _ => Watches);
}
