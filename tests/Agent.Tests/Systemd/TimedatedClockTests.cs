using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using CloudSharkHardening.Remediators.Audit.Time;

namespace CloudSharkHardening.Agent.Tests.Systemd;

/// <summary>The clock question against a fake timedated on a real private dbus-daemon.</summary>
public sealed class TimedatedClockTests(PrivateBusDaemon daemon) : IClassFixture<PrivateBusDaemon>
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Query_TimedatedAnswers_ReadsNtpAndNtpSynchronized(bool ntp, bool synchronised)
    {
        await using var timedated = await FakeTimedatedAsync(ntp, synchronised);

        var status = await Clock().QueryAsync(CancellationToken.None);

        Assert.Equal(new ClockSynchronisation(ntp, synchronised), status);
    }

    [Fact]
    public async Task Query_NoTimedatedOnTheBus_HasNoAnswer()
    {
        Assert.Null(await Clock().QueryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Query_NoBusAtAll_HasNoAnswer()
    {
        var clock = new TimedatedClock(async token => await DBusConnection.ConnectAsync(new DBusConnectionOptions("unix:path=/nonexistent/bus"), token));

        Assert.Null(await clock.QueryAsync(CancellationToken.None));
    }

    private TimedatedClock Clock() => new(async token => await DBusConnection.ConnectAsync(new DBusConnectionOptions(daemon.Address), token));

    private async Task<DBusConnection> FakeTimedatedAsync(bool ntp, bool synchronised)
    {
        static DBusDictEntry Entry(string key, DBusValue value) => new(new DBusString(key), new DBusVariant(value));
        var connection = await DBusConnection.ConnectAsync(
            new DBusConnectionOptions(daemon.Address)
            {
                MethodCallHandler = (call, _) => Task.FromResult<IReadOnlyList<DBusValue>>(
                    call.Member == "GetAll" && call.Body is [DBusString { Value: "org.freedesktop.timedate1" }]
                        ? [new DBusArray("{sv}", [Entry("Timezone", new DBusString("UTC")), Entry("NTP", new DBusBoolean(ntp)), Entry("NTPSynchronized", new DBusBoolean(synchronised))])]
                        : throw new DBusErrorException("org.freedesktop.DBus.Error.UnknownMethod", "no")),
            },
            CancellationToken.None);
        await connection.CallAsync(Bus.Call("RequestName", new DBusString("org.freedesktop.timedate1"), new DBusUInt32(4)), CancellationToken.None);
        return connection;
    }
}
