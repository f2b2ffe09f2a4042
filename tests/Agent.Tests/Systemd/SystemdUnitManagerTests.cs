using CloudSharkHardening.Remediators.Host.Processes;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd;

/// <summary>The unit manager against a fake PID 1 on a real private dbus-daemon.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime")]
public sealed class SystemdUnitManagerTests(PrivateBusDaemon daemon) : IClassFixture<PrivateBusDaemon>, IAsyncLifetime
{
    private FakeSystemd _systemd = null!;
    private SystemdUnitManager _manager = null!;

    public async Task InitializeAsync()
    {
        _systemd = await FakeSystemd.StartAsync(daemon.Address);
        _manager = new SystemdUnitManager(
            async token => await DBusConnection.ConnectAsync(new DBusConnectionOptions(daemon.Address), token),
            new CommandRunner(TimeProvider.System),
            TimeProvider.System,
            TimeSpan.FromSeconds(10));
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

        var outcome = await _manager.RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Contains("as invocation 02020202", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["LoadUnit memcached.service", "GetAll", "Subscribe", "RestartUnit memcached.service", "LoadUnit memcached.service", "GetAll"], _systemd.Calls);
    }

    [Fact]
    public async Task Restart_JobFailed_IsFailedWithTheUnitsState()
    {
        _systemd.Units["mariadb.service"] = new FakeUnit { JobResult = "failed" };

        var outcome = await _manager.RestartAsync("mariadb.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Failed, outcome.Result);
        Assert.StartsWith("restart job failed; failed (failed)", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_StoppedUnit_IsLeftStopped()
    {
        _systemd.Units["memcached.service"] = new FakeUnit { ActiveState = "inactive", SubState = "dead" };

        var outcome = await _manager.RestartAsync("memcached.service", CancellationToken.None);

        Assert.Equal(UnitActionResult.Done, outcome.Result);
        Assert.Contains("left stopped", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RestartUnit memcached.service", _systemd.Calls);
    }

    [Fact]
    public async Task Restart_UnitFilesChangedBehindSystemdsBack_ReloadsOnceFirst()
    {
        _systemd.Units["a.service"] = new FakeUnit { NeedDaemonReload = true };
        _systemd.Units["b.service"] = new FakeUnit { NeedDaemonReload = true };

        await _manager.RestartAsync("a.service", CancellationToken.None);
        await _manager.RestartAsync("b.service", CancellationToken.None);

        Assert.Equal(1, _systemd.Calls.Count(c => c == "Reload"));
        Assert.True(_systemd.Calls.IndexOf("Reload") < _systemd.Calls.IndexOf("RestartUnit a.service"));
    }

    [Fact]
    public async Task Restart_UnknownUnit_FailsSayingSo()
    {
        var error = await Assert.ThrowsAsync<CloudSharkHardening.Remediators.Errors.HardeningException>(
            () => _manager.RestartAsync("nonexistent.service", CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("not-found", error.Message, StringComparison.Ordinal);
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
}
