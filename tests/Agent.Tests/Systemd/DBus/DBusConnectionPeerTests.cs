using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

/// <summary>
/// Peer-to-peer connections, as to <c>/run/systemd/private</c>, against a scripted server:
/// no Hello, the Ping kick for systemd 252's stuck first message, and peers that misbehave.
/// </summary>
public sealed class DBusConnectionPeerTests : IAsyncLifetime
{
    private readonly RawPeerServer _server = RawPeerServer.Start();
    private readonly ManualTimeProvider _time = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connect_PeerToPeer_AuthenticatesPingsInsteadOfHelloAndNeedsNoMatchRules()
    {
        var connecting = DBusConnection.ConnectAsync(PeerOptions(), CancellationToken.None);
        var begin = await _server.AcceptAndAuthenticateAsync();
        var first = await _server.ReadMessageAsync();
        await _server.ReplyAsync(first);
        await using var client = await connecting;

        Assert.Equal("BEGIN", begin);
        Assert.Equal(("org.freedesktop.DBus.Peer", "Ping", null), (first.Interface, first.Member, first.Destination));
        Assert.Null(client.UniqueName);

        await using var subscription = await client.SubscribeAsync(new MatchRule { Member = "JobRemoved" }, CancellationToken.None);
        await _server.SendAsync(RawPeerServer.Encode(EchoService.JobRemoved(3, "/org/freedesktop/systemd1/job/3", "a.service", "done").ToMessage(_server.NextSerial())));
        Assert.Equal("JobRemoved", (await subscription.NextAsync()).Member);
    }

    [Fact]
    public async Task Connect_FirstPingGoesUnanswered_PingsAgainAfter200msAndAnyAnswerWillDo()
    {
        var connecting = DBusConnection.ConnectAsync(PeerOptions(), CancellationToken.None);
        Assert.Equal("BEGIN", await _server.AcceptAndAuthenticateAsync());
        var stuck = await _server.ReadMessageAsync();

        _time.Advance(TimeSpan.FromMilliseconds(200));
        var kick = await _server.ReadMessageAsync();
        await _server.ReplyAsync(stuck);
        await using var client = await connecting;

        Assert.Equal("Ping", kick.Member);
        Assert.NotEqual(stuck.Serial, kick.Serial);
    }

    [Fact]
    public async Task Connect_ServerNeverAnswersAuth_TimesOutOnTheInjectedClock()
    {
        var connecting = DBusConnection.ConnectAsync(PeerOptions(), CancellationToken.None);
        Assert.StartsWith("\0AUTH EXTERNAL ", await _server.AcceptAsync(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(10));

        var failed = await Assert.ThrowsAsync<DBusConnectionException>(() => connecting);
        Assert.Contains("took longer than", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.IsTransient);
    }

    [Fact]
    public async Task Connect_ServerRejects_IsAClearPermanentError()
    {
        var connecting = DBusConnection.ConnectAsync(PeerOptions(), CancellationToken.None);
        await _server.AcceptAsync();

        await _server.SendTextAsync("REJECTED EXTERNAL\r\n");

        var refused = await Assert.ThrowsAsync<DBusConnectionException>(() => connecting);
        Assert.Contains("rejected EXTERNAL authentication", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.IsTransient);
    }

    [Fact]
    public async Task Call_PeerClosesInTheMiddleOfTheReply_FailsTheCallInsteadOfWaiting()
    {
        await using var client = await ConnectPeerAsync();
        var call = client.CallAsync(SystemdCall("GetUnit", new DBusString("demo.service")), CancellationToken.None);
        var request = await _server.ReadMessageAsync();

        var reply = RawPeerServer.Encode(new Message(MessageType.MethodReturn, 9, [new DBusObjectPath("/org/freedesktop/systemd1/unit/demo_2eservice")]) { ReplySerial = request.Serial });
        await _server.SendAsync(reply[..(reply.Length / 2)]);
        _server.ClosePeer();

        var failed = await Assert.ThrowsAsync<DBusConnectionException>(() => call);
        Assert.Contains("GetUnit", failed.Message, StringComparison.Ordinal);
        Assert.Contains("in the middle of a message", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.IsTransient);
    }

    [Fact]
    public async Task Call_PeerSendsGarbageHeader_FailsTheCallWithAProtocolError()
    {
        await using var client = await ConnectPeerAsync();
        var call = client.CallAsync(SystemdCall("Reload"), CancellationToken.None);
        await _server.ReadMessageAsync();

        await _server.SendAsync(Hex.Bytes("58 02 00 01 00 00 00 00 02 00 00 00 00 00 00 00"));

        var failed = await Assert.ThrowsAsync<DBusProtocolException>(() => call);
        Assert.Contains("endianness byte is 0x58", failed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DBusProtocolException>(() => client.CallAsync(SystemdCall("Reload"), CancellationToken.None));
    }

    [Fact]
    public async Task Call_ReplyWithAMalformedBody_FailsThatCallOnlyAndTheConnectionCarriesOn()
    {
        await using var client = await ConnectPeerAsync();
        var call = client.CallAsync(SystemdCall("GetUnit", new DBusString("demo.service")), CancellationToken.None);
        var request = await _server.ReadMessageAsync();

        var broken = RawMessage.Return("b", Hex.Bytes("02 00 00 00"));
        BitConverter.TryWriteBytes(broken.AsSpan(20), request.Serial);
        await _server.SendAsync(broken);

        var failed = await Assert.ThrowsAsync<DBusProtocolException>(() => call);
        Assert.Contains("boolean holds 2", failed.Message, StringComparison.Ordinal);
        var next = client.CallAsync(SystemdCall("Reload"), CancellationToken.None);
        await _server.ReplyAsync(await _server.ReadMessageAsync());
        Assert.Empty((await next).Body);
    }

    [Fact]
    public async Task Receive_UnknownMessageTypeAndUnclaimedReplies_AreIgnored()
    {
        await using var client = await ConnectPeerAsync();
        var call = client.CallAsync(SystemdCall("Reload"), CancellationToken.None);
        var request = await _server.ReadMessageAsync();

        await _server.SendAsync(Hex.Bytes("6c 09 00 01 00 00 00 00 03 00 00 00 00 00 00 00"));
        await _server.SendAsync(RawPeerServer.Encode(new Message(MessageType.MethodReturn, 4, []) { ReplySerial = 999_999 }));
        await _server.ReplyAsync(request, new DBusString("ok"));

        Assert.Equal([new DBusString("ok")], (await call).Body);
    }

    [Fact]
    public async Task Receive_MethodCallWithoutAHandler_RepliesUnknownMethodSoThePeerIsNotLeftWaiting()
    {
        await using var client = await ConnectPeerAsync();

        var ping = new MethodCall(null, "/", "org.freedesktop.DBus.Peer", "Ping").ToMessage(_server.NextSerial());
        await _server.SendAsync(RawPeerServer.Encode(ping));

        var answer = await _server.ReadMessageAsync();
        Assert.Equal(MessageType.Error, answer.Type);
        Assert.Equal(DBusErrorNames.UnknownMethod, answer.ErrorName);
        Assert.Equal(ping.Serial, answer.ReplySerial);
    }

    private static MethodCall SystemdCall(string member, params DBusValue[] arguments) =>
        new("org.freedesktop.systemd1", "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", member) { Arguments = arguments };

    private DBusConnectionOptions PeerOptions() => new(_server.Address) { IsMessageBus = false, Time = _time };

    private async Task<DBusConnection> ConnectPeerAsync()
    {
        var connecting = DBusConnection.ConnectAsync(PeerOptions(), CancellationToken.None);
        await _server.AcceptAndAuthenticateAsync();
        await _server.ReplyAsync(await _server.ReadMessageAsync());
        return await connecting;
    }
}
