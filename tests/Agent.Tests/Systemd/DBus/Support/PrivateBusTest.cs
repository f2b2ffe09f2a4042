using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>
/// Tests against a class-wide private dbus-daemon: each test gets a fresh client connection
/// (on <paramref name="time"/>, when a test drives the clock) and a fresh echo service.
/// </summary>
public abstract class PrivateBusTest(PrivateBusDaemon daemon, TimeProvider? time = null) : IClassFixture<PrivateBusDaemon>, IAsyncLifetime
{
    protected PrivateBusDaemon Daemon { get; } = daemon;

    protected DBusConnection Client { get; private set; } = null!;

    protected EchoService Echo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = await DBusConnection.ConnectAsync(new DBusConnectionOptions(Daemon.Address) { Time = time ?? TimeProvider.System }, CancellationToken.None);
        Echo = await EchoService.StartAsync(Daemon.Address);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Echo.DisposeAsync();
    }
}
