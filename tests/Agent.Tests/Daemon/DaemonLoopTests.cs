using System.Text;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Tests.Support;
using CloudSharkHardening.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudSharkHardening.Agent.Tests.Daemon;

public sealed class DaemonLoopTests : IDisposable
{
    private const string Immutable = "/etc/my.cnf: could not be replaced (Operation not permitted); the original is intact";
    private static readonly DaemonOptions Options = DaemonOptions.Default with { Interval = TimeSpan.FromMinutes(10), Jitter = TimeSpan.Zero };
    private readonly ManualTimeProvider _time = new();
    private readonly TempTree _tree = new();
    private readonly DatagramListener _systemd = DatagramListener.OnPath();
    private readonly CancellationTokenSource _stop = new();
    private readonly FakePasses _passes = new(Options);
    private readonly TriggerInbox _inbox;
    private readonly ContestTracker _contests;
    private readonly SystemdNotifier _notifier;
    private readonly DaemonLoop _daemon;
    private Task _loop = Task.CompletedTask;

    public DaemonLoopTests()
    {
        _inbox = new TriggerInbox(_time);
        _contests = new ContestTracker(_time);
        _notifier = SystemdNotifier.ForSocket(_systemd.Address);
        var metrics = new DaemonMetricsFile(_tree.Files, _tree.Host.Writer, () => "/metrics");
        _tree.MakeDirectory("/metrics");
        _daemon = new DaemonLoop(_passes, _inbox, _contests, new RestartHolds(_time, NullLogger<RestartHolds>.Instance), metrics, _notifier, TimeSpan.FromSeconds(30), _time, new Random(7), NullLogger<DaemonLoop>.Instance);
    }

    [Fact]
    public async Task Start_RunsAPassThenSaysReadyWithASummaryAndWritesMetrics()
    {
        Start();
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(10));
        await WaitForAsync(() => _tree.Exists("/metrics/cloudshark_hardening.prom"));

        Assert.StartsWith("READY=1\nSTATUS=pass run1: 1 compliant", Encoding.UTF8.GetString(_systemd.Receive()), StringComparison.Ordinal);
        Assert.Contains("cloudshark_hardening_passes_total 1", _tree.Read("/metrics/cloudshark_hardening.prom"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_NextPassComesAtTheIntervalAndTheWatchdogIsFedMeanwhile()
    {
        Start();
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(10));
        var started = _time.GetUtcNow();

        await _passes.NextPassAsync(_time, TimeSpan.FromSeconds(5));

        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10.5));
        var messages = Enumerable.Range(0, 10).Select(_ => Encoding.UTF8.GetString(_systemd.Receive())).ToList();
        Assert.Contains("WATCHDOG=1", messages);
    }

    [Fact]
    public async Task BurstOfFileEvents_IsOnePass()
    {
        Start();
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < 5; i++)
        {
            _inbox.Post(new Trigger(TriggerKind.Path, "/etc/sysconfig/memcached"));
        }

        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, _passes.Count);
        Assert.False(_passes.PassWaiting);
    }

    [Fact]
    public async Task RuleRepairedAgainAndAgain_IsPausedAndReportedContested()
    {
        _passes.Statuses["memcached"] = RuleStatus.Changed;
        Start();
        for (var pass = 0; pass < ContestTracker.RepairsToContest; pass++)
        {
            await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50));
            _inbox.Post(new Trigger(TriggerKind.Path, "/etc/sysconfig/memcached"));
        }

        var paused = await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50));

        Assert.Contains("memcached", paused);
        await WaitForAsync(() => _passes.Published.Count == _passes.Count);
        Assert.Equal(RuleStatus.Contested, _passes.Published[^1].Rules.Single().Status);
        Assert.Contains("contested", _passes.Published[^1].Rules.Single().Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContestedRule_IsEnforcedAgainWhenItsPauseEnds()
    {
        _passes.Statuses["memcached"] = RuleStatus.Changed;
        Start();
        for (var pass = 0; pass < ContestTracker.RepairsToContest; pass++)
        {
            await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50));
            _inbox.Post(new Trigger(TriggerKind.Path, "/etc/sysconfig/memcached"));
        }

        Assert.NotEmpty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        var paused = await _passes.NextPassAsync(_time, TimeSpan.FromSeconds(1));

        Assert.Empty(paused);
    }

    [Fact]
    public async Task RepairFailingTheSameWayPassAfterPass_IsPausedAndTheReportSaysSinceWhenAndUntilWhen()
    {
        var firstFailure = await FailTheSameWayAsync();

        var paused = await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50));

        Assert.Equal(["mariadb"], paused);
        await WaitForAsync(() => _passes.Published.Count == _passes.Count);
        var reported = _passes.Published[^1].Rules.Single(r => r.Name == "mariadb");
        Assert.Equal(RuleStatus.Failed, reported.Status);
        Assert.Equal(Immutable, reported.Error);
        Assert.StartsWith($"failing the same way since {firstFailure:u}; repairs paused until ", reported.Notes[0], StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Compliant, _passes.Published[^1].Rules.Single(r => r.Name == "memcached").Status);
    }

    [Fact]
    public async Task RepairFailingDifferentlyEachPass_IsNotPaused()
    {
        _passes.Statuses["mariadb"] = RuleStatus.Failed;
        Start();
        for (var pass = 0; pass < ContestTracker.FailuresToPause + 2; pass++)
        {
            _passes.Failing["mariadb"] = ($"failure {pass}", "+skip-networking");
            Assert.Empty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
            _inbox.Post(new Trigger(TriggerKind.Path, "/etc/my.cnf"));
        }
    }

    [Fact]
    public async Task FailingRuleWhoseCheckChanges_IsRepairedAgainAtOnce()
    {
        await FailTheSameWayAsync();

        Assert.NotEmpty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        _passes.Failing["mariadb"] = (Immutable, "+skip-networking\n+bind-address=127.0.0.1"); // someone edited the file
        _inbox.Post(new Trigger(TriggerKind.Path, "/etc/my.cnf"));
        Assert.NotEmpty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        var lifted = _time.GetUtcNow();

        Assert.Empty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        Assert.True(_time.GetUtcNow() - lifted < TimeSpan.FromSeconds(1));
        await WaitForAsync(() => _passes.Published.Count == _passes.Count);
        Assert.StartsWith("repairs resume: what its check finds has changed", _passes.Published[^2].Rules.Single(r => r.Name == "mariadb").Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartThatDoesNotMakeTheRuleHold_IsNotRepeatedUntilAWatchedFileChanges()
    {
        _passes.NotConverging.Add("memcached");
        _passes.DuringRestart = () =>
        {
            // The echoes of the pass's own edit and restart, as inotify and systemd send them.
            _inbox.Post(new Trigger(TriggerKind.Path, "/etc/sysconfig/memcached"));
            _inbox.Post(new Trigger(TriggerKind.Unit, "memcached.service (done)") { Subject = "memcached.service" });
        };
        Start();
        Assert.Empty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        var restartedAt = _time.GetUtcNow();

        Assert.Equal(["memcached"], await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50))); // the echoes: a check only
        Assert.Equal(["memcached"], await _passes.NextPassAsync(_time, TimeSpan.FromSeconds(5))); // the interval: a check only
        _inbox.Post(new Trigger(TriggerKind.Path, "/etc/hosts")); // watched by no rule here
        Assert.Equal(["memcached"], await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(1, _passes.Restarts);
        await WaitForAsync(() => _passes.Published.Count == _passes.Count);
        var held = _passes.Published[^1].Rules.Single();
        Assert.Equal(RuleStatus.Failed, held.Status);
        Assert.Equal($"memcached.service was restarted at {restartedAt:HH:mm:ss} and the rule still does not hold: not restarted again until one of /etc/sysconfig/memcached, memcached.service changes, or the configuration is reloaded", held.Error);
        Assert.Equal(held.Error, _passes.Published[0].Rules.Single().Notes[0]);

        _inbox.Post(new Trigger(TriggerKind.Path, "/etc/sysconfig/memcached"));
        Assert.Empty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));

        Assert.Equal(2, _passes.Restarts);
        await WaitForAsync(() => _passes.Published.Count == _passes.Count);
        Assert.Contains("repairs resume: /etc/sysconfig/memcached changed", _passes.Published[^1].Rules.Single().Notes);
    }

    [Fact]
    public async Task HeldRestart_ConfigurationReloaded_IsRepairedAgain()
    {
        _passes.NotConverging.Add("memcached");
        Start();
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50));
        _inbox.Post(new Trigger(TriggerKind.Unit, "memcached.service (done)") { Subject = "cloudshark.service" });
        Assert.Equal(["memcached"], await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));

        _inbox.Post(new Trigger(TriggerKind.Reload, "SIGHUP"));

        Assert.Empty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(2, _passes.Restarts);
    }

    [Fact]
    public async Task ReloadWithABadConfiguration_KeepsTheOldOneAndGoesOn()
    {
        Start();
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(10));
        _passes.ReloadProblem = "rules.memcache: unknown rule";

        _inbox.Post(new Trigger(TriggerKind.Reload, "SIGHUP"));
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(10));

        Assert.Equal(1, _passes.Reloads);
        Assert.Equal(Options.Interval, _passes.Options.Interval);
    }

    [Fact]
    public async Task Stop_EndsTheLoopAndSaysStopping()
    {
        Start();
        await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(10));

        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));

        var messages = Enumerable.Range(0, 3).Select(_ => Encoding.UTF8.GetString(_systemd.Receive())).ToList();
        Assert.Contains(messages, m => m.StartsWith("STOPPING=1", StringComparison.Ordinal));
    }

    private void Start() => _loop = _daemon.RunAsync(_stop.Token);

    /// <summary>Starts the loop with mariadb's repair failing the same way until it is paused; returns when it first failed.</summary>
    private async Task<DateTimeOffset> FailTheSameWayAsync()
    {
        _passes.Failing["mariadb"] = (Immutable, "+skip-networking");
        _passes.Statuses["mariadb"] = RuleStatus.Failed;
        Start();
        var firstFailure = _time.GetUtcNow();
        for (var pass = 0; pass < ContestTracker.FailuresToPause; pass++)
        {
            Assert.Empty(await _passes.NextPassAsync(_time, TimeSpan.FromMilliseconds(50)));
            _inbox.Post(new Trigger(TriggerKind.Path, "/etc/my.cnf"));
        }

        return firstFailure;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _notifier.Dispose();
        _systemd.Dispose();
        _tree.Dispose();
        _stop.Dispose();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100_000 && !condition(); i++)
        {
            await Task.Yield();
        }

        Assert.True(condition());
    }
}
