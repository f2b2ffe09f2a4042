using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Time;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Time;

public sealed class TimeSyncCheckTests
{
    [Fact]
    public async Task Run_NoTimeServiceAndNoTimedated_FindsNoSyncServiceSayingWhatItLookedFor()
    {
        var finding = Assert.Single(await new TimeSyncCheck(new FakeLiveSystem(), new FixedClock(null)).RunAsync(CancellationToken.None));

        Assert.Equal("time.no-sync-service", finding.Id);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(
            ["not installed: chronyd.service, chrony.service, ntpd.service, ntp.service, ntpsec.service, systemd-timesyncd.service, openntpd.service", "systemd-timedated could not be asked about the clock"],
            finding.Evidence);
        Assert.Equal([BenchmarkReferences.LynisNtpDaemon], finding.References);
    }

    [Fact]
    public async Task Run_TimesyncdInstalledButStopped_ShowsItsStateAndTimedatedsWord()
    {
        var live = new FakeLiveSystem();
        live.Units["systemd-timesyncd.service"] = FakeLiveSystem.Unit("systemd-timesyncd.service", activeState: "inactive");

        var finding = Assert.Single(await new TimeSyncCheck(live, new FixedClock(new ClockSynchronisation(NtpEnabled: false, Synchronised: true))).RunAsync(CancellationToken.None));

        Assert.Equal("systemd-timesyncd.service: loaded, inactive (dead)", finding.Evidence[0]);
        Assert.Equal("systemd-timedated: NTP=no", finding.Evidence[^1]);
    }

    [Fact]
    public async Task Run_ChronyActiveAndClockSynchronised_FindsNothing()
    {
        var live = new FakeLiveSystem();
        live.Units["chronyd.service"] = FakeLiveSystem.Unit("chronyd.service");

        Assert.Empty(await new TimeSyncCheck(live, new FixedClock(new ClockSynchronisation(true, true))).RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Run_ServiceActiveButClockUnsynchronised_FindsTheClock()
    {
        var live = new FakeLiveSystem();
        live.Units["chrony.service"] = FakeLiveSystem.Unit("chrony.service");

        var finding = Assert.Single(await new TimeSyncCheck(live, new FixedClock(new ClockSynchronisation(true, false))).RunAsync(CancellationToken.None));

        Assert.Equal("time.unsynchronised", finding.Id);
        Assert.Equal(["systemd-timedated: NTPSynchronized=no, NTP=yes"], finding.Evidence);
        Assert.Equal([BenchmarkReferences.LynisSystemdNtpStatus], finding.References);
    }

    private sealed class FixedClock(ClockSynchronisation? status) : IClockStatus
    {
        public Task<ClockSynchronisation?> QueryAsync(CancellationToken cancellationToken) => Task.FromResult(status);
    }
}
