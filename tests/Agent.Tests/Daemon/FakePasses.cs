using System.Threading.Channels;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>Passes whose outcome a test scripts; each pass is announced to the test.</summary>
internal sealed class FakePasses(DaemonOptions options) : IDaemonPasses
{
    private readonly Channel<IReadOnlySet<string>> _passes = Channel.CreateUnbounded<IReadOnlySet<string>>();

    public DaemonOptions Options { get; private set; } = options;

    public int Count { get; private set; }

    /// <summary>The status each rule reports in the next passes; a paused rule reports drift.</summary>
    public Dictionary<string, RuleStatus> Statuses { get; } = new() { ["memcached"] = RuleStatus.Compliant };

    /// <summary>
    /// Rules whose repair fails with this error, their check planning this edit of /etc/my.cnf
    /// and a restart; a paused one reports the same plan as drift.
    /// </summary>
    public Dictionary<string, (string Error, string Diff)> Failing { get; } = [];

    /// <summary>
    /// Rules whose repair restarts memcached.service and still does not make them hold (the
    /// address comes from a file they do not know); checked only, they plan that restart again.
    /// </summary>
    public HashSet<string> NotConverging { get; } = [];

    /// <summary>Restarts of memcached.service the passes carried out.</summary>
    public int Restarts { get; private set; }

    /// <summary>Runs inside each pass that restarts, as the echoes of its own writes and restart would arrive.</summary>
    public Action? DuringRestart { get; set; }

    public string? ReloadProblem { get; set; }

    public int Reloads { get; private set; }

    public Task<RunReport?> RunAsync(IReadOnlySet<string> paused, CancellationToken cancellationToken)
    {
        Count++;
        var rules = Statuses.Select(s => Failing.TryGetValue(s.Key, out var failing)
            ? new RuleReport(s.Key, RuleMode.Enforce, paused.Contains(s.Key) ? RuleStatus.Drift : RuleStatus.Failed, [new ChangeReport("file", "/etc/my.cnf", "edit /etc/my.cnf: skip-networking", failing.Diff)], ["restart mariadb.service"], [], [], paused.Contains(s.Key) ? null : failing.Error)
            : NotConverging.Contains(s.Key)
            ? new RuleReport(s.Key, paused.Contains(s.Key) ? RuleMode.Audit : RuleMode.Enforce, paused.Contains(s.Key) ? RuleStatus.Drift : RuleStatus.Failed, [], ["restart memcached.service"], [], [], paused.Contains(s.Key) ? null : "did not converge: a second check still finds: restart memcached.service still needed") { Applied = !paused.Contains(s.Key) }
            : new RuleReport(s.Key, RuleMode.Enforce, paused.Contains(s.Key) ? RuleStatus.Drift : s.Value, [], [], [], [], null)
            {
                Applied = !paused.Contains(s.Key) && s.Value == RuleStatus.Changed,
            }).ToList();
        List<UnitActionReport> restarts = NotConverging.Any(rule => !paused.Contains(rule)) ? [new UnitActionReport("restart", "memcached.service", "done", "memcached.service is active (running)", "changes")] : [];
        Restarts += restarts.Count;
        if (restarts.Count > 0)
        {
            DuringRestart?.Invoke();
        }

        _passes.Writer.TryWrite(paused);
        return Task.FromResult<RunReport?>(new RunReport($"run{Count}", DateTimeOffset.UnixEpoch, 1, false, "/", "redhat", rules, restarts));
    }

    public List<RunReport> Published { get; } = [];

    public void Publish(RunReport report) => Published.Add(report);

    public string? Reload()
    {
        Reloads++;
        if (ReloadProblem is null)
        {
            Options = Options with { Interval = Options.Interval * 2 };
        }

        return ReloadProblem;
    }

    /// <summary>
    /// Waits for the next pass, moving the clock one step at a time. Between steps the loop's
    /// thread is given a moment (real time, but nothing is measured by it) to arm its timers.
    /// </summary>
    public async Task<IReadOnlySet<string>> NextPassAsync(TestSupport.ManualTimeProvider time, TimeSpan step)
    {
        var next = _passes.Reader.ReadAsync().AsTask();
        for (var i = 0; i < 20_000 && !next.IsCompleted; i++)
        {
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(1)));
            if (!next.IsCompleted)
            {
                time.Advance(step);
            }
        }

        return next.IsCompleted ? await next : throw new TimeoutException("no pass came");
    }

    public bool PassWaiting => _passes.Reader.TryPeek(out _);

    /// <summary>Every rule watches /etc/sysconfig/memcached and memcached.service.</summary>
    public RuleWatches WatchesOf(string rule) => new([new WatchedPath("/etc/sysconfig/memcached", WatchScope.Node)], ["memcached.service"]);
}
