using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Transport;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Transport;

public sealed class UnixSocketConnectorTests
{
    [Fact]
    public async Task Connect_NothingListening_NamesEveryAddressTriedAndWhy()
    {
        var failed = await Assert.ThrowsAsync<DBusConnectionException>(() =>
            UnixSocketConnector.ConnectAsync("unix:path=/nonexistent/dbus.sock;tcp:host=localhost,port=1", CancellationToken.None));

        Assert.Contains("unix:path=/nonexistent/dbus.sock: ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("tcp:host=localhost,port=1: only unix:path= and unix:abstract= are supported", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.IsTransient);
    }

    [Fact]
    public async Task Connect_MalformedAddress_IsNotTransient()
    {
        var failed = await Assert.ThrowsAsync<DBusConnectionException>(() => UnixSocketConnector.ConnectAsync("nonsense", CancellationToken.None));

        Assert.False(failed.IsTransient);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_FirstAddressMissing_TriesTheNext(bool abstractName)
    {
        await using var server = RawPeerServer.Start(abstractName);
        var accepted = server.AcceptAsync();

        using var socket = await UnixSocketConnector.ConnectAsync($"unix:path=/nonexistent/a.sock;{server.Address}", CancellationToken.None);
        await socket.SendAsync("\0AUTH\r\n"u8.ToArray());

        Assert.Equal("\0AUTH", await accepted);
    }
}
