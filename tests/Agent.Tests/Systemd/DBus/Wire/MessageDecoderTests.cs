using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class MessageDecoderTests
{
    // dbus-daemon's reply to Hello as the brief records it: flags 0x01 on a reply, fields in
    // the order DESTINATION, REPLY_SERIAL, SIGNATURE, SENDER.
    private const string HelloReply = """
        6c 02 01 01 09 00 00 00 01 00 00 00 3d 00 00 00
        06 01 73 00 04 00 00 00 3a 31 2e 32 00 00 00 00
        05 01 75 00 01 00 00 00
        08 01 67 00 01 73 00 00
        07 01 73 00 14 00 00 00 6f 72 67 2e 66 72 65 65 64 65 73 6b 74 6f 70 2e 44 42 75 73 00 00 00 00
        04 00 00 00 3a 31 2e 32 00
        """;

    [Fact]
    public void Decode_HelloReplyAsDbusDaemonSendsIt_ReadsEveryField()
    {
        var reply = MessageDecoder.Decode(Hex.Bytes(HelloReply));

        Assert.Equal(MessageType.MethodReturn, reply.Type);
        Assert.Equal(MessageFlags.NoReplyExpected, reply.Flags);
        Assert.Equal(1u, reply.Serial);
        Assert.Equal(1u, reply.ReplySerial);
        Assert.Equal(":1.2", reply.Destination);
        Assert.Equal("org.freedesktop.DBus", reply.Sender);
        Assert.Equal([new DBusString(":1.2")], reply.ReadBody("s"));
    }

    [Fact]
    public void Decode_HandWrittenBigEndianReturn_ReadsItInItsOwnByteOrder()
    {
        var bytes = Hex.Bytes("""
            42 02 00 01 00 00 00 04 00 00 00 02 00 00 00 0f
            05 01 75 00 00 00 00 01
            08 01 67 00 01 75 00 00
            01 02 03 04
            """);

        var reply = MessageDecoder.Decode(bytes);

        Assert.Equal(2u, reply.Serial);
        Assert.Equal(1u, reply.ReplySerial);
        Assert.Equal([new DBusUInt32(0x01020304)], reply.ReadBody("u"));
    }

    [Fact]
    public void Decode_BigEndianArrayOfUInt64_MatchesTheSpecificationsExample()
    {
        // SPEC: big-endian `at` holding [5] at an 8-aligned position.
        var bytes = Hex.Bytes("""
            42 02 00 01 00 00 00 10 00 00 00 02 00 00 00 10
            05 01 75 00 00 00 00 01
            08 01 67 00 02 61 74 00
            00 00 00 08 00 00 00 00 00 00 00 00 00 00 00 05
            """);

        var reply = MessageDecoder.Decode(bytes);

        Assert.Equal([new DBusArray("t", [new DBusUInt64(5)])], reply.ReadBody("at"));
    }

    [Fact]
    public void Decode_UnknownHeaderField_IsSkipped()
    {
        var bytes = Hex.Bytes("""
            6c 02 00 01 00 00 00 00 02 00 00 00 0d 00 00 00
            05 01 75 00 01 00 00 00
            50 01 79 00 2a 00 00 00
            """);

        var reply = MessageDecoder.Decode(bytes);

        Assert.Equal(1u, reply.ReplySerial);
        Assert.Empty(reply.Body);
    }

    [Fact]
    public void Decode_UnknownMessageType_IsAcceptedForTheCallerToIgnore()
    {
        var message = MessageDecoder.Decode(Hex.Bytes("6c 09 00 01 00 00 00 00 03 00 00 00 00 00 00 00"));

        Assert.Equal((MessageType)9, message.Type);
        Assert.Equal(3u, message.Serial);
    }

    [Fact]
    public void Decode_BodyThatCannotBeRead_FailsOnlyWhenTheBodyIsAskedFor()
    {
        var bytes = RawMessage.Return("b", Hex.Bytes("02 00 00 00"));

        var message = MessageDecoder.Decode(bytes);

        Assert.Equal(1u, message.ReplySerial);
        var broken = Assert.Throws<DBusProtocolException>(() => message.Body);
        Assert.Contains("boolean holds 2", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBody_OtherSignature_SaysWhatWasExpected()
    {
        var message = MessageDecoder.Decode(RawMessage.Return("s", Hex.Bytes("01 00 00 00 61 00")));

        var wrong = Assert.Throws<DBusProtocolException>(() => message.ReadBody("o"));

        Assert.Contains("has body signature 's', expected 'o'", wrong.Message, StringComparison.Ordinal);
    }
}
