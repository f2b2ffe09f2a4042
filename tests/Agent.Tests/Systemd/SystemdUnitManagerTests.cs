using CloudSharkHardening.Remediators.Host.Processes;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Systemd;

/// <summary>The unit manager against a fake PID 1 on a real private dbus-daemon.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime")]
public sealed class SystemdUnitManagerTests(PrivateBusDaemon daemon) : IClassFixture<PrivateBusDaemon>, IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private readonly ManualTimeProvider _time = new();
    private readonly HashSet<string> _listening = new(StringComparer.Ordinal);
    private FakeSystemd _systemd = null!;
    private SystemdUnitManager _manager = null!;

    public async Task InitializeAsync()
    {
        _systemd = await FakeSystemd.StartAsync(daemon.Address, _time);
        _manager = new SystemdUnitManager(
            async token => await DBusConnection.ConnectAsync(new DBusConnectionOptions(daemon.Address), token),
            new CommandRunner(TimeProvider.System),
            _time,
            TimeSpan.FromSeconds(10),
            new RestartSettle(Settle, _listening.Contains));
    }

    public async Task DisposeAsync()
    {
        await _manager.DisposeAsync();
        await _systemd.DisposeAsync();
    }

    [Fact]
    public async Task Restart_JobDoneAndUnitActive_IsDoneUnderANewInvocation()
    {
        _systemd.Units["memcached.service"] = new FakeUnit();
        _listening.Add("memcached.service");

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Contains("as invocation 02020202", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["LoadUnit memcached.service", "GetAll", "GetAll", "Subscribe", "RestartUnit memcached.service"], _systemd.Calls.Take(5));
        Assert.Single(_systemd.Calls, "RestartUnit memcached.service");
    }

    [Fact]
    public async Task Restart_ServiceListensAndStaysUp_IsDoneOneLookLaterNotAfterTheWholeSettleTime()
    {
        _systemd.Units["memcached.service"] = new FakeUnit();
        _listening.Add("memcached.service");
        var started = _time.GetTimestamp();

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Contains("its sockets listening", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(RestartSettle.Poll, _time.GetElapsedTime(started));
    }

    [Fact]
    public async Task Restart_ServiceThatNeverListens_IsDoneOnceItStayedUpTheSettleTime()
    {
        _systemd.Units["worker.service"] = new FakeUnit();
        var started = _time.GetTimestamp();

        var outcome = await RestartAsync("worker.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Contains("no listening socket of its own", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(Settle, _time.GetElapsedTime(started));
    }

    [Fact]
    public async Task Restart_ServiceDiesAfterTheJobIsDone_IsFailedSayingHowLongItLasted()
    {
        var unit = new FakeUnit();
        unit.DiesAfterRestarts.Enqueue(TimeSpan.FromMilliseconds(150));
        _systemd.Units["memcached.service"] = unit;

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Failed, outcome.Result);
        Assert.StartsWith("memcached.service started as invocation 02020202020202020202020202020202 but did not stay up:", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("0.15 s later it is failed (failed), result exit-code", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ServiceDiesAfterItsSocketsWereSeen_IsFailedNotDone()
    {
        // memcached binds 0.0.0.0, fails on 127.0.0.1 and exits: a listener seen for an instant.
        var unit = new FakeUnit();
        unit.DiesAfterRestarts.Enqueue(TimeSpan.FromMilliseconds(20));
        _systemd.Units["memcached.service"] = unit;
        _listening.Add("memcached.service");

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Failed, outcome.Result);
    }

    [Fact]
    public async Task Restart_SystemdRestartedTheServiceByItself_IsFailedThoughTheUnitIsActive()
    {
        var unit = new FakeUnit { RestartAlways = true };
        unit.DiesAfterRestarts.Enqueue(TimeSpan.FromMilliseconds(120));
        _systemd.Units["memcached.service"] = unit;

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Failed, outcome.Result);
        Assert.Equal("active", unit.ActiveState);
        Assert.Contains("systemd had restarted it by itself (1 automatic restart(s), now invocation 03030303", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_JobFailed_IsFailedWithTheUnitsState()
    {
        _systemd.Units["mariadb.service"] = new FakeUnit { JobResult = "failed" };

        var outcome = await RestartAsync("mariadb.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Failed, outcome.Result);
        Assert.StartsWith("restart job failed; failed (failed)", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_UnitAtItsStartLimit_IsResetFirstSoTheRestartCanRun()
    {
        var unit = _systemd.Units["memcached.service"] = new FakeUnit();
        unit.HitStartLimit();

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Equal("active", unit.ActiveState);
        Assert.Contains("ResetFailedUnit", _systemd.Calls);
    }

    [Fact]
    public async Task Restart_StoppedUnit_IsLeftStopped()
    {
        _systemd.Units["memcached.service"] = new FakeUnit { ActiveState = "inactive", SubState = "dead" };

        var outcome = await RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Contains("left stopped", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RestartUnit memcached.service", _systemd.Calls);
    }

    [Fact]
    public async Task Restart_UnitFilesChangedBehindSystemdsBack_ReloadsOnceFirst()
    {
        _systemd.Units["a.service"] = new FakeUnit { NeedDaemonReload = true };
        _systemd.Units["b.service"] = new FakeUnit { NeedDaemonReload = true };
        _listening.UnionWith(["a.service", "b.service"]);

        await RestartAsync("a.service", CancellationToken.None);
        await RestartAsync("b.service", CancellationToken.None);

        Assert.Equal(1, _systemd.Calls.Count(c => c == "Reload"));
        Assert.True(_systemd.Calls.IndexOf("Reload") < _systemd.Calls.IndexOf("RestartUnit a.service"));
    }

    [Fact]
    public async Task Restart_UnknownUnit_FailsSayingSo()
    {
        var error = await Assert.ThrowsAsync<CloudSharkHardening.Remediators.Errors.HardeningException>(
            () => RestartAsync("nonexistent.service", CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("not-found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetState_Service_ReadsItsRestartCountAndResult()
    {
        var unit = new FakeUnit { RestartAlways = true };
        unit.DiesAfterRestarts.Enqueue(TimeSpan.Zero);
        unit.Restart(_time.GetUtcNow());
        _systemd.Units["memcached.service"] = unit;

        var state = await _manager.GetStateAsync("memcached.service", CancellationToken.None);

        Assert.Equal(1u, state.Service!.Restarts);
        Assert.Equal("exit-code", state.Service.Result);
    }

    [Fact]
    public async Task GetState_ReadsSystemdsProperties()
    {
        _systemd.Units["cloudshark.service"] = new FakeUnit();

        var state = await _manager.GetStateAsync("cloudshark.service", CancellationToken.None);

        Assert.Equal(["/cap"], state.RequiresMountsFor);
        Assert.Equal("01010101010101010101010101010101", state.InvocationId);
        Assert.True(state.IsActive);
    }

    [Fact]
    public async Task GetLoadedState_UnitInMemory_ReadsItsProperties()
    {
        _systemd.Units["mariadb.socket"] = new FakeUnit();

        var state = await _manager.GetLoadedStateAsync("mariadb.socket", CancellationToken.None);

        Assert.NotNull(state);
        Assert.True(state.IsActive);
        Assert.DoesNotContain("LoadUnit mariadb.socket", _systemd.Calls);
    }

    [Fact]
    public async Task GetLoadedState_UnitNotInMemory_IsNullWithoutLoadingIt()
    {
        var state = await _manager.GetLoadedStateAsync("mariadb.socket", CancellationToken.None);

        Assert.Null(state);
        Assert.Equal(["GetUnit mariadb.socket"], _systemd.Calls);
    }

    /// <summary>A restart, the clock moving on wherever the manager waits for the unit to settle.</summary>
    private Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken) =>
        _time.RunAsync(_manager.RestartAsync(unit, cancellationToken), Settle);
}
