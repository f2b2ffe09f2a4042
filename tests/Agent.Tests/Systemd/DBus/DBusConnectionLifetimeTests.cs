using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

/// <summary>Timeouts, cancellation, refusal and disposal against a real dbus-daemon; time moves only by hand.</summary>
public sealed class DBusConnectionLifetimeTests : PrivateBusTest
{
    private readonly ManualTimeProvider _time;

    public DBusConnectionLifetimeTests(PrivateBusDaemon daemon)
        : this(daemon, new ManualTimeProvider())
    {
    }

    private DBusConnectionLifetimeTests(PrivateBusDaemon daemon, ManualTimeProvider time)
        : base(daemon, time) => _time = time;
    [Fact]
    public async Task Call_NoReplyWithinTheTimeout_ThrowsATransientTimeoutAndTheConnectionStaysUsable()
    {
        var call = Client.CallAsync(EchoService.Call("Hang"), CancellationToken.None);
        await Echo.HangArrived;

        _time.Advance(TimeSpan.FromSeconds(25));

        var timedOut = await Assert.ThrowsAsync<DBusCallTimeoutException>(() => call);
        Assert.True(timedOut.IsTransient);
        Assert.Contains("com.example.Echo.Hang", timedOut.Message, StringComparison.Ordinal);
        var after = await Client.CallAsync(EchoService.Call("Echo", new DBusString("still here")), CancellationToken.None);
        Assert.Equal([new DBusString("still here")], after.Body);
    }

    [Fact]
    public async Task Call_OwnTimeout_OverridesTheConnectionDefault()
    {
        var call = Client.CallAsync(EchoService.Call("Hang") with { Timeout = TimeSpan.FromSeconds(90) }, CancellationToken.None);
        await Echo.HangArrived;

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(90), (await Assert.ThrowsAsync<DBusCallTimeoutException>(() => call)).Timeout);
    }

    [Fact]
    public async Task Call_CallerCancels_IsACancellationNotATimeout()
    {
        using var cancel = new CancellationTokenSource();
        var call = Client.CallAsync(EchoService.Call("Hang"), cancel.Token);
        await Echo.HangArrived;

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Dispose_WithACallPending_FailsTheCallClearly()
    {
        var call = Client.CallAsync(EchoService.Call("Hang"), CancellationToken.None);
        await Echo.HangArrived;

        await Client.DisposeAsync();

        var failed = await Assert.ThrowsAsync<DBusConnectionException>(() => call);
        Assert.Contains("com.example.Echo.Hang", failed.Message, StringComparison.Ordinal);
        Assert.Contains("disposed", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ThenCall_FailsAtOnce()
    {
        await Client.DisposeAsync();

        await Assert.ThrowsAsync<DBusConnectionException>(() => Client.CallAsync(Bus.Call("GetId"), CancellationToken.None));
        await Assert.ThrowsAsync<DBusConnectionException>(() => Client.SubscribeAsync(new MatchRule { Member = "X" }, CancellationToken.None));
    }

    [Fact]
    public async Task Dispose_WithASubscription_EndsItsChannelWithTheReason()
    {
        var subscription = await Client.SubscribeAsync(new MatchRule { Member = "JobRemoved" }, CancellationToken.None);

        await Client.DisposeAsync();

        await Assert.ThrowsAsync<DBusConnectionException>(() => subscription.Signals.Completion);
        await subscription.DisposeAsync();
    }

    [Fact]
    public async Task Peer_GoesAway_CallsToItFailWithTheBusError()
    {
        var rule = new MatchRule { Sender = "org.freedesktop.DBus", Member = "NameOwnerChanged", Arg0 = EchoService.Name };
        await using var owners = await Client.SubscribeAsync(rule, CancellationToken.None);
        await Echo.DisposeAsync();
        Assert.Equal(new DBusString(""), (await owners.NextAsync()).Body[2]);

        var error = await Assert.ThrowsAsync<DBusErrorException>(() => Client.CallAsync(EchoService.Call("Echo"), CancellationToken.None));

        Assert.Equal(DBusErrorNames.ServiceUnknown, error.ErrorName);
    }

    [Fact]
    public async Task Connect_DaemonOnlyAcceptsAnonymous_FailsWithItsRejection()
    {
        await using var picky = await PrivateBusDaemon.StartAsync("ANONYMOUS");

        var refused = await Assert.ThrowsAsync<DBusConnectionException>(() =>
            DBusConnection.ConnectAsync(new DBusConnectionOptions(picky.Address), CancellationToken.None));

        Assert.Contains("rejected EXTERNAL authentication", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ANONYMOUS", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.IsTransient);
    }

    [Fact]
    public async Task Connect_InvalidOptions_NamesEveryProblemAtOnce()
    {
        var options = new DBusConnectionOptions(" ") { CallTimeout = TimeSpan.Zero, SignalQueueCapacity = 0 };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DBusConnection.ConnectAsync(options, CancellationToken.None));

        Assert.Contains("Address is empty", refused.Message, StringComparison.Ordinal);
        Assert.Contains("CallTimeout must be positive", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SignalQueueCapacity must be at least 1", refused.Message, StringComparison.Ordinal);
    }
}
