using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Support;
using CloudSharkHardening.Agent.Tests.Systemd;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Host.Processes;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Agent.Tests.Engine;

/// <summary>
/// The engine with the real unit manager, against a fake PID 1 on a private dbus-daemon: a
/// service that the agent's change kills after systemd reported the restart done.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime")]
public sealed class RestartRollbackTests(PrivateBusDaemon daemon) : IClassFixture<PrivateBusDaemon>, IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private readonly EngineHarness _harness = new();
    private FakeSystemd _systemd = null!;
    private SystemdUnitManager _manager = null!;

    public async Task InitializeAsync()
    {
        _systemd = await FakeSystemd.StartAsync(daemon.Address, _harness.Tree.Time);
        _manager = new SystemdUnitManager(
            async token => await DBusConnection.ConnectAsync(new DBusConnectionOptions(daemon.Address), token),
            new CommandRunner(TimeProvider.System),
            _harness.Tree.Time,
            TimeSpan.FromSeconds(10),
            new RestartSettle(Settle, _ => false));
    }

    public async Task DisposeAsync()
    {
        await _manager.DisposeAsync();
        await _systemd.DisposeAsync();
        _harness.Dispose();
    }

    [Fact]
    public async Task RunOnce_ServiceDiesAfterItsRestartJobIsDone_FilesRolledBackServiceRestartedAgainExitFour()
    {
        // Debian's memcached: Restart=always, so systemd brings the dying process back itself.
        var memcached = new FakeUnit { RestartAlways = true };
        memcached.DiesAfterRestarts.Enqueue(TimeSpan.FromMilliseconds(30));
        _systemd.Units["memcached.service"] = memcached;
        _harness.Tree.Write("/etc/memcached.conf", "-l 0.0.0.0\n");
        var rule = new FileContentRule("memcached", _harness.Tree.Host, "/etc/memcached.conf", "-l 127.0.0.1\n", UnitAction.Restart("memcached.service"));

        var report = await _harness.Tree.Time.RunAsync(_harness.RunWithAsync(_manager, false, (rule, RuleMode.Enforce)), Settle);

        Assert.Equal(ExitCodes.RuleFailed, report.ExitCode);
        Assert.Equal("-l 0.0.0.0\n", _harness.Tree.Read("/etc/memcached.conf"));
        Assert.Equal(2, _systemd.Calls.Count(call => call == "RestartUnit memcached.service"));
        Assert.Equal([("failed", "changes"), ("done", "rollback")], report.UnitActions.Select(u => (u.Result, u.Reason)));
        Assert.Equal(RuleStatus.Failed, report.Rules[0].Status);
        Assert.Contains("memcached.service did not come back with the new configuration", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Contains("did not stay up: 0.05 s later systemd had restarted it by itself", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Contains("Rolled back: restored /etc/memcached.conf", report.Rules[0].Error, StringComparison.Ordinal);
        Assert.Empty(_harness.Intents.Load());
    }
}
