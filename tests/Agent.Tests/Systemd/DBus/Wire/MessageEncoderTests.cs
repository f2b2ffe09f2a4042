using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class MessageEncoderTests
{
    [Fact]
    public void Encode_Hello_MatchesTheGoldenVectorByteForByte()
    {
        var hello = new MethodCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello").ToMessage(serial: 1);

        Assert.Equal(Hex.Dump("hello.hexdump"), MessageEncoder.Encode(hello));
    }

    [Fact]
    public void Encode_RestartUnit_MatchesTheGoldenVectorByteForByte()
    {
        var restart = new MethodCall("org.freedesktop.systemd1", "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "RestartUnit")
        {
            Arguments = [new DBusString("demo.service"), new DBusString("replace")],
        }.ToMessage(serial: 7);

        Assert.Equal(Hex.Dump("restart-unit.hexdump"), MessageEncoder.Encode(restart));
    }

    [Fact]
    public void Decode_GoldenRestartUnit_GivesBackEveryField()
    {
        var message = MessageDecoder.Decode(Hex.Dump("restart-unit.hexdump"));

        Assert.Equal(MessageType.MethodCall, message.Type);
        Assert.Equal(7u, message.Serial);
        Assert.Equal("/org/freedesktop/systemd1", message.Path);
        Assert.Equal("org.freedesktop.systemd1.Manager", message.Interface);
        Assert.Equal("RestartUnit", message.Member);
        Assert.Equal("org.freedesktop.systemd1", message.Destination);
        Assert.Equal([new DBusString("demo.service"), new DBusString("replace")], message.ReadBody("ss"));
    }

    [Fact]
    public void Encode_Signal_CarriesPathInterfaceMemberAndBody()
    {
        var signal = new Signal("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved")
        {
            Arguments = [new DBusUInt32(42), new DBusObjectPath("/org/freedesktop/systemd1/job/42"), new DBusString("demo.service"), new DBusString("done")],
        }.ToMessage(serial: 3);

        var decoded = MessageDecoder.Decode(MessageEncoder.Encode(signal));

        Assert.Equal(MessageType.Signal, decoded.Type);
        Assert.Equal("uoss", decoded.Signature);
        Assert.True(decoded.Body is [DBusUInt32(42), DBusObjectPath("/org/freedesktop/systemd1/job/42"), DBusString("demo.service"), DBusString("done")]);
    }

    public static TheoryData<string, Message> Unsendable => new()
    {
        { "serial 0 is reserved", new MethodCall(null, "/", "a.b", "M").ToMessage(serial: 0) },
        { "member name 'Bad.Member'", new MethodCall(null, "/", "a.b", "Bad.Member").ToMessage(serial: 1) },
        { "interface name 'nodots'", new MethodCall(null, "/", "nodots", "M").ToMessage(serial: 1) },
        { "object path 'relative/path'", new MethodCall(null, "relative/path", "a.b", "M").ToMessage(serial: 1) },
        { "bus name '1.starts.with.digit'", new MethodCall("1.starts.with.digit", "/", "a.b", "M").ToMessage(serial: 1) },
        { "a method return needs REPLY_SERIAL", new Message(MessageType.MethodReturn, 1, []) },
        { "an error needs ERROR_NAME and REPLY_SERIAL", new Message(MessageType.Error, 1, []) { ReplySerial = 3 } },
        { "a signal needs PATH, INTERFACE and MEMBER", new Message(MessageType.Signal, 1, []) { Path = "/", Member = "M" } },
        { "is not the element of an array", new Message(MessageType.MethodReturn, 1, [new DBusDictEntry(new DBusString("k"), new DBusInt32(1))]) { ReplySerial = 1 } },
        { "longest", new Message(MessageType.MethodReturn, 1, [.. Enumerable.Repeat<DBusValue>(new DBusByte(1), 256)]) { ReplySerial = 1 } },
    };

    [Theory]
    [MemberData(nameof(Unsendable))]
    public void Encode_MessageTheSpecForbids_IsRefusedBeforeAnyByteIsWritten(string problem, Message message)
    {
        var refused = Assert.Throws<ArgumentException>(() => MessageEncoder.Encode(message));

        Assert.Contains(problem == "longest" ? "the limit is 255" : problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_VariantsNestedSixtyFiveDeep_IsRefused()
    {
        DBusValue value = new DBusByte(1);
        for (var i = 0; i < 65; i++)
        {
            value = new DBusVariant(value);
        }

        var refused = Assert.Throws<ArgumentException>(() => MessageEncoder.Encode(new Message(MessageType.MethodReturn, 1, [value]) { ReplySerial = 1 }));

        Assert.Contains("64 containers", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_VariantsNestedSixtyFourDeep_IsTheLimitAndAllowed()
    {
        DBusValue value = new DBusByte(1);
        for (var i = 0; i < 64; i++)
        {
            value = new DBusVariant(value);
        }

        var bytes = MessageEncoder.Encode(new Message(MessageType.MethodReturn, 1, [value]) { ReplySerial = 1 });

        Assert.Equal(value, Assert.Single(MessageDecoder.Decode(bytes).Body));
    }
}
