using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using FsCheck.Fluent;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

/// <summary>Method calls over a real dbus-daemon: to the daemon itself, and to an echo service of our own.</summary>
public sealed class DBusConnectionBusTests(PrivateBusDaemon daemon) : PrivateBusTest(daemon)
{
    [Fact]
    public async Task Connect_Bus_SaysHelloAndIsListedUnderItsUniqueName()
    {
        var names = await Client.CallAsync(Bus.Call("ListNames"), CancellationToken.None);

        Assert.StartsWith(":1.", Client.UniqueName, StringComparison.Ordinal);
        var listed = Assert.IsType<DBusArray>(Assert.Single(names.ReadBody("as")));
        Assert.Contains(new DBusString(Client.UniqueName!), listed.Items);
        Assert.Contains(new DBusString(EchoService.Name), listed.Items);
    }

    [Fact]
    public async Task Call_GetNameOwnerOfAMissingName_ThrowsTheDaemonsErrorWithItsMessage()
    {
        var error = await Assert.ThrowsAsync<DBusErrorException>(() =>
            Client.CallAsync(Bus.Call("GetNameOwner", new DBusString("com.example.DoesNotExist")), CancellationToken.None));

        Assert.Equal(DBusErrorNames.NameHasNoOwner, error.ErrorName);
        Assert.Equal("Could not get owner of name 'com.example.DoesNotExist': no such name", error.ErrorMessage);
        Assert.Contains("GetNameOwner", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Call_NameHasOwner_AnswersForPresentAndAbsentNames()
    {
        var present = await Client.CallAsync(Bus.Call("NameHasOwner", new DBusString(EchoService.Name)), CancellationToken.None);
        var absent = await Client.CallAsync(Bus.Call("NameHasOwner", new DBusString("com.example.Nobody")), CancellationToken.None);

        Assert.Equal([new DBusBoolean(true)], present.ReadBody("b"));
        Assert.Equal([new DBusBoolean(false)], absent.ReadBody("b"));
    }

    [Fact]
    public async Task Call_PropertiesGetOfTheDaemon_ReturnsAVariantHoldingAnArray()
    {
        var reply = await Client.CallAsync(
            Bus.Call("Get", new DBusString("org.freedesktop.DBus"), new DBusString("Features")) with { Interface = "org.freedesktop.DBus.Properties" },
            CancellationToken.None);

        var features = Assert.IsType<DBusVariant>(Assert.Single(reply.ReadBody("v")));
        Assert.Equal("as", features.Value.Signature);
    }

    [Theory]
    [MemberData(nameof(SampleValues.All), MemberType = typeof(SampleValues))]
    public async Task Echo_EveryTypeOverTheRealBus_ComesBackEqual(DBusValue value)
    {
        DBusValue[] arguments = [new DBusByte(7), value, new DBusString("after")];

        var reply = await Client.CallAsync(EchoService.Call("Echo", arguments), CancellationToken.None);

        Assert.Equal(arguments, reply.ReadBody("y" + value.Signature + "s"));
        Assert.Equal(Echo.Connection.UniqueName, reply.Sender);
    }

    [Fact]
    public async Task Echo_GeneratedBodies_PassTheDaemonsValidationAndComeBackEqual()
    {
        // dbus-daemon checks every message strictly and drops a connection that sends a bad
        // one, so it judges the encoder on shapes no one wrote down by hand.
        foreach (var body in Gen.Sample(DBusValueGen.Body(), 30, 150))
        {
            var reply = await Client.CallAsync(EchoService.Call("Echo", body), CancellationToken.None);

            Assert.Equal(body, reply.Body);
        }
    }

    [Fact]
    public async Task Echo_OneMebibyteMessage_GoesBothWays()
    {
        var big = new DBusString(string.Concat(Enumerable.Repeat("0123456789abcdef", 64 * 1024)));
        var bytes = new DBusArray("y", Enumerable.Range(0, 64 * 1024).Select(i => new DBusByte((byte)i)));

        var reply = await Client.CallAsync(EchoService.Call("Echo", big, bytes), CancellationToken.None);

        Assert.Equal([big, bytes], reply.ReadBody("say"));
    }

    [Fact]
    public async Task Call_HandlerThrowsADBusError_CallerGetsThatErrorNameAndMessage()
    {
        var error = await Assert.ThrowsAsync<DBusErrorException>(() => Client.CallAsync(EchoService.Call("Fail"), CancellationToken.None));

        Assert.Equal(EchoService.FailureName, error.ErrorName);
        Assert.Equal("asked to fail", error.ErrorMessage);
    }

    [Fact]
    public async Task Call_ToAConnectionWithoutAHandler_IsAnsweredWithUnknownMethod()
    {
        var call = new MethodCall(Client.UniqueName, "/anything", "com.example.Nothing", "Here");

        var error = await Assert.ThrowsAsync<DBusErrorException>(() => Echo.Connection.CallAsync(call, CancellationToken.None));

        Assert.Equal(DBusErrorNames.UnknownMethod, error.ErrorName);
    }

    [Fact]
    public async Task Call_ManyConcurrently_EachGetsItsOwnReply()
    {
        // dbus-daemon allows 128 pending replies per connection unless configured otherwise.
        var calls = Enumerable.Range(0, 100)
            .Select(i => Client.CallAsync(EchoService.Call("Echo", new DBusUInt32((uint)i)), CancellationToken.None))
            .ToList();

        var replies = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => new DBusUInt32((uint)i)), replies.Select(reply => reply.Body[0]));
    }

    [Fact]
    public async Task Call_InvalidArgumentsForTheDaemon_ReportsInvalidArgs()
    {
        var error = await Assert.ThrowsAsync<DBusErrorException>(() =>
            Client.CallAsync(Bus.Call("GetNameOwner", new DBusUInt32(1)), CancellationToken.None));

        Assert.Equal("org.freedesktop.DBus.Error.InvalidArgs", error.ErrorName);
    }
}
