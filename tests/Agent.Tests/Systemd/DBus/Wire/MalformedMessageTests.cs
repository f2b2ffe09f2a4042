using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class MalformedMessageTests
{
    private static readonly byte[] ValidReturn = RawMessage.Return("", []);

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "not 'l' or 'B'", Patch(ValidReturn, 0, (byte)'X') },
        { "protocol version 2", Patch(ValidReturn, 3, 2) },
        { "serial 0 is reserved", Patch(ValidReturn, 8, 0) },
        { "do not match the lengths", ValidReturn[..^1] },
        { "padding byte is not zero", Patch(RawMessage.Return("y", [7]), 31, 1) },
        { "needs REPLY_SERIAL", Hex.Bytes("6c 02 00 01 00 00 00 00 02 00 00 00 00 00 00 00") },
        { "REPLY_SERIAL 0", Hex.Bytes("6c 02 00 01 00 00 00 00 02 00 00 00 08 00 00 00 05 01 75 00 00 00 00 00") },
        { "holds a 's', not a 'u'", Hex.Bytes("6c 02 00 01 00 00 00 00 02 00 00 00 0a 00 00 00 05 01 73 00 01 00 00 00 78 00 00 00 00 00 00 00") },
        { "appears twice", Hex.Bytes("6c 02 00 01 00 00 00 00 02 00 00 00 10 00 00 00 05 01 75 00 01 00 00 00 05 01 75 00 01 00 00 00") },
        { "but no SIGNATURE field", Hex.Bytes("6c 02 00 01 01 00 00 00 02 00 00 00 08 00 00 00 05 01 75 00 01 00 00 00 07") },
        { "signature '(' is invalid", RawMessage.Return("(", []) },
        { "boolean holds 2", RawMessage.Return("b", Hex.Bytes("02 00 00 00")) },
        { "not followed by NUL", RawMessage.Return("s", Hex.Bytes("01 00 00 00 61 62")) },
        { "holds a NUL byte", RawMessage.Return("s", Hex.Bytes("03 00 00 00 61 00 62 00")) },
        { "not valid UTF-8", RawMessage.Return("s", Hex.Bytes("02 00 00 00 c3 28 00")) },
        { "runs past the end of the message", RawMessage.Return("s", Hex.Bytes("ff ff ff ff 61 00")) },
        { "object path 'not/a/path'", RawMessage.Return("o", Hex.Bytes("0a 00 00 00 6e 6f 74 2f 61 2f 70 61 74 68 00")) },
        { "array of 20 bytes runs past", RawMessage.Return("ay", Hex.Bytes("14 00 00 00 01 02")) },
        { "exceeds the D-Bus limit of 67108864", RawMessage.Return("ay", Hex.Bytes("01 00 00 04 01 02")) },
        { "runs past the array's length", RawMessage.Return("au", Hex.Bytes("02 00 00 00 01 00 00 00")) },
        { "beyond its signature 'y'", RawMessage.Return("y", Hex.Bytes("01 02")) },
        { "UNIX_FD values are not supported", RawMessage.Return("h", Hex.Bytes("00 00 00 00")) },
        { "variant: signature 'ss' must be exactly one", RawMessage.Return("v", Hex.Bytes("02 73 73 00")) },
        { "nest more than 64 containers", RawMessage.Return("v", NestedVariants(65)) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void DecodeAndRead_MalformedMessage_IsAProtocolErrorThatSaysWhatIsWrong(string problem, byte[] bytes)
    {
        var error = Record.Exception(() => MessageDecoder.Decode(bytes).Body);

        var protocol = Assert.IsType<DBusProtocolException>(error);
        Assert.Contains(problem, protocol.Message, StringComparison.Ordinal);
        Assert.False(protocol.IsTransient);
    }

    [Theory]
    [InlineData("6c 02 00 01 00 00 00 00 02 00 00 00 01 00 00 05", "header fields of 83886081 bytes exceed the array limit")]
    [InlineData("6c 02 00 01 f1 ff ff 07 02 00 00 00 00 00 00 00", "exceeds the limit of 134217728")]
    public void FrameLength_ImpossibleLengths_AreRefusedFromTheFixedHeaderAlone(string fixedHeader, string problem)
    {
        var refused = Assert.Throws<DBusProtocolException>(() => MessageDecoder.FrameLength(Hex.Bytes(fixedHeader)));

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameLength_LargestAllowedMessage_IsAccepted()
    {
        // 16 header bytes + 0 fields + a body that brings the total to exactly 128 MiB.
        var body = (uint)(128 * 1024 * 1024 - 16);
        var header = Hex.Bytes("6c 02 00 01 00 00 00 00 02 00 00 00 00 00 00 00");
        BitConverter.TryWriteBytes(header.AsSpan(4), body);

        Assert.Equal(128 * 1024 * 1024, MessageDecoder.FrameLength(header));
    }

    private static byte[] Patch(byte[] bytes, int offset, byte value)
    {
        var copy = bytes.ToArray();
        copy[offset] = value;
        return copy;
    }

    private static byte[] NestedVariants(int depth) =>
        [.. Enumerable.Repeat(Hex.Bytes("01 76 00"), depth).SelectMany(level => level), .. Hex.Bytes("01 79 00 2a")];
}
