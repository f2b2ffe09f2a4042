using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

/// <summary>Signals over a real dbus-daemon: AddMatch, local routing, ordering against replies, RemoveMatch.</summary>
public sealed class DBusConnectionSignalTests(PrivateBusDaemon daemon) : PrivateBusTest(daemon)
{
    private static readonly MatchRule JobRemovedRule = new() { Interface = "org.freedesktop.systemd1.Manager", Member = "JobRemoved" };

    [Fact]
    public async Task Subscribe_ThenSignalEmitted_DeliversOnlyTheMatchingOne()
    {
        await using var subscription = await Client.SubscribeAsync(JobRemovedRule, CancellationToken.None);

        await Echo.Connection.EmitAsync(new Signal("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobNew")
        {
            Arguments = [new DBusUInt32(1), new DBusObjectPath("/org/freedesktop/systemd1/job/1"), new DBusString("demo.service")],
        }, CancellationToken.None);
        await Echo.Connection.EmitAsync(EchoService.JobRemoved(1, "/org/freedesktop/systemd1/job/1", "demo.service", "done"), CancellationToken.None);

        var signal = await subscription.NextAsync();
        Assert.Equal("JobRemoved", signal.Member);
        Assert.Equal(Echo.Connection.UniqueName, signal.Sender);
        Assert.True(signal.ReadBody("uoss") is [DBusUInt32(1), DBusObjectPath("/org/freedesktop/systemd1/job/1"), DBusString("demo.service"), DBusString("done")]);
    }

    [Fact]
    public async Task Subscribe_BeforeACallWhoseSignalOutrunsItsReply_KeepsTheSignal()
    {
        await using var subscription = await Client.SubscribeAsync(JobRemovedRule, CancellationToken.None);

        var reply = await Client.CallAsync(EchoService.Call("Restart"), CancellationToken.None);

        var job = Assert.IsType<DBusObjectPath>(Assert.Single(reply.ReadBody("o")));
        Assert.True(subscription.Signals.TryRead(out var early), "JobRemoved was sent before the reply, so it is already queued");
        Assert.Equal(job, early.Body[1]);
    }

    [Fact]
    public async Task Subscribe_PropertiesChangedWithArg0_SkipsOtherInterfaces()
    {
        var rule = new MatchRule { Interface = "org.freedesktop.DBus.Properties", Member = "PropertiesChanged", Arg0 = "org.freedesktop.systemd1.Unit" };
        await using var subscription = await Client.SubscribeAsync(rule, CancellationToken.None);

        await Echo.Connection.EmitAsync(PropertiesChanged("org.freedesktop.systemd1.Service", "MainPID", new DBusUInt32(42)), CancellationToken.None);
        await Echo.Connection.EmitAsync(PropertiesChanged("org.freedesktop.systemd1.Unit", "ActiveState", new DBusString("active")), CancellationToken.None);

        var signal = await subscription.NextAsync();
        var body = signal.ReadBody("sa{sv}as");
        Assert.Equal(new DBusString("org.freedesktop.systemd1.Unit"), body[0]);
        Assert.Equal(new DBusVariant(new DBusString("active")), ((DBusArray)body[1]).ToStringDictionary()["ActiveState"]);
    }

    [Fact]
    public async Task Subscribe_DaemonsOwnNameOwnerChanged_Arrives()
    {
        var rule = new MatchRule { Sender = "org.freedesktop.DBus", Member = "NameOwnerChanged", Arg0 = "com.example.Late" };
        await using var subscription = await Client.SubscribeAsync(rule, CancellationToken.None);

        await using var late = await DBusConnection.ConnectAsync(new DBusConnectionOptions(Daemon.Address), CancellationToken.None);
        await late.CallAsync(Bus.Call("RequestName", new DBusString("com.example.Late"), new DBusUInt32(4)), CancellationToken.None);

        var signal = await subscription.NextAsync();
        Assert.Equal([new DBusString("com.example.Late"), new DBusString(""), new DBusString(late.UniqueName!)], signal.ReadBody("sss"));
    }

    [Fact]
    public async Task Subscribe_TwoOverlappingRules_EachGetsTheSignal()
    {
        await using var byMember = await Client.SubscribeAsync(JobRemovedRule, CancellationToken.None);
        await using var byPath = await Client.SubscribeAsync(new MatchRule { PathNamespace = "/org/freedesktop/systemd1" }, CancellationToken.None);

        await Echo.Connection.EmitAsync(EchoService.JobRemoved(2, "/org/freedesktop/systemd1/job/2", "a.service", "failed"), CancellationToken.None);

        Assert.Equal("JobRemoved", (await byMember.NextAsync()).Member);
        Assert.Equal("JobRemoved", (await byPath.NextAsync()).Member);
    }

    [Fact]
    public async Task Dispose_Subscription_RemovesTheRuleFromTheBusAndEndsTheChannel()
    {
        var subscription = await Client.SubscribeAsync(JobRemovedRule, CancellationToken.None);

        await subscription.DisposeAsync();

        await subscription.Signals.Completion;
        var again = await Assert.ThrowsAsync<DBusErrorException>(() =>
            Client.CallAsync(Bus.Call("RemoveMatch", new DBusString(JobRemovedRule.ToString())), CancellationToken.None));
        Assert.Equal("org.freedesktop.DBus.Error.MatchRuleNotFound", again.ErrorName);
    }

    [Fact]
    public async Task Subscribe_ReaderFallsBehind_EndsWithSignalsLostInsteadOfDroppingQuietly()
    {
        await using var slow = await DBusConnection.ConnectAsync(new DBusConnectionOptions(Daemon.Address) { SignalQueueCapacity = 2 }, CancellationToken.None);
        await using var subscription = await slow.SubscribeAsync(JobRemovedRule, CancellationToken.None);

        for (uint id = 1; id <= 3; id++)
        {
            await Echo.Connection.EmitAsync(EchoService.JobRemoved(id, $"/org/freedesktop/systemd1/job/{id}", "a.service", "done"), CancellationToken.None);
        }

        // The echo's reply leaves the same sender after the signals, so once it is back, all three were routed.
        await slow.CallAsync(EchoService.Call("Echo"), CancellationToken.None);
        Assert.Equal(1u, ((DBusUInt32)(await subscription.NextAsync()).Body[0]).Value);
        Assert.Equal(2u, ((DBusUInt32)(await subscription.NextAsync()).Body[0]).Value);
        await Assert.ThrowsAsync<DBusSignalsLostException>(() => subscription.NextAsync());
    }

    [Fact]
    public async Task Subscribe_InvalidRule_IsRefusedBeforeAnythingIsSent() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.SubscribeAsync(new MatchRule { Path = "/a", PathNamespace = "/a" }, CancellationToken.None));

    private static Signal PropertiesChanged(string iface, string property, DBusValue value) =>
        new("/org/freedesktop/systemd1/unit/demo_2eservice", "org.freedesktop.DBus.Properties", "PropertiesChanged")
        {
            Arguments =
            [
                new DBusString(iface),
                new DBusArray("{sv}", [new DBusDictEntry(new DBusString(property), new DBusVariant(value))]),
                new DBusArray("s", []),
            ],
        };
}
