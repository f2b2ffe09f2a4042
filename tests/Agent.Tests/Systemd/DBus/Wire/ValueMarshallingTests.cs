using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class ValueMarshallingTests
{
    [Theory]
    [MemberData(nameof(SampleValues.All), MemberType = typeof(SampleValues))]
    public void RoundTrip_EveryTypeInBothByteOrders_GivesTheSameValue(DBusValue value)
    {
        // A leading byte puts every value at an odd offset, so alignment is really exercised.
        DBusValue[] body = [new DBusByte(0x2a), value, new DBusByte(0x2b)];

        foreach (var bigEndian in new[] { false, true })
        {
            var decoded = MessageDecoder.Decode(MessageEncoder.Encode(Reply(body), bigEndian));

            Assert.Equal(body, decoded.ReadBody("y" + value.Signature + "y"));
        }
    }

    [Fact]
    public void Body_EmptyArrayOfDictEntries_StillPadsToTheEntryAlignment()
    {
        var body = BodyBytes(new DBusArray("{sv}", []), new DBusByte(0x2a));

        Assert.Equal(Hex.Bytes("00 00 00 00 | 00 00 00 00 | 2a"), body);
    }

    [Fact]
    public void Body_EmptyArrayOfUInt64AfterAByte_PadsLengthToFourAndElementsToEight()
    {
        var body = BodyBytes(new DBusByte(1), new DBusUInt32(2), new DBusArray("t", []), new DBusByte(3));

        Assert.Equal(Hex.Bytes("01 | 00 00 00 | 02 00 00 00 | 00 00 00 00 | 00 00 00 00 | 03"), body);
    }

    [Fact]
    public void Body_VariantOfUInt64_AlignsTheValueByItsOwnType()
    {
        // SPEC's example: 01 74 00, five bytes of padding, then the eight-byte value.
        var body = BodyBytes(new DBusVariant(new DBusUInt64(5)));

        Assert.Equal(Hex.Bytes("01 74 00 | 00 00 00 00 00 | 05 00 00 00 00 00 00 00"), body);
    }

    [Fact]
    public void Body_StructAfterAByte_StartsOnAMultipleOfEight()
    {
        var body = BodyBytes(new DBusByte(1), new DBusStruct(new DBusByte(2)));

        Assert.Equal(Hex.Bytes("01 | 00 00 00 00 00 00 00 | 02"), body);
    }

    [Fact]
    public void Body_BooleanAndStrings_UseTheirWireShapes()
    {
        var body = BodyBytes(new DBusBoolean(true), new DBusString("ab"), new DBusSignature("as"), new DBusObjectPath("/a"));

        Assert.Equal(Hex.Bytes("01 00 00 00 | 02 00 00 00 61 62 00 | 02 61 73 00 | 00 | 02 00 00 00 2f 61 00"), body);
    }

    [Fact]
    public void Body_BigEndianArrayOfUInt64_MatchesTheSpecificationsExample()
    {
        var message = MessageEncoder.Encode(Reply([new DBusArray("t", [new DBusUInt64(5)])]), bigEndian: true);

        Assert.Equal(Hex.Bytes("00 00 00 08 | 00 00 00 00 | 00 00 00 00 00 00 00 05"), RawMessage.BodyOf(message));
    }

    [Fact]
    public void Body_ArrayOfStructsInsideAVariant_KeepsEveryLengthConsistent()
    {
        var job = new DBusVariant(new DBusArray("(uo)", [new DBusStruct(new DBusUInt32(7), new DBusObjectPath("/j/7"))]));

        var body = BodyBytes(job);

        // signature "a(uo)", pad to 4, length 13 (from the struct's start), pad to 8, u 7, o "/j/7".
        Assert.Equal(Hex.Bytes("05 61 28 75 6f 29 00 | 00 | 0d 00 00 00 | 00 00 00 00 | 07 00 00 00 | 04 00 00 00 2f 6a 2f 37 00"), body);
    }

    private static Message Reply(IReadOnlyList<DBusValue> body) => new(MessageType.MethodReturn, 1, body) { ReplySerial = 1 };

    private static byte[] BodyBytes(params DBusValue[] body) => RawMessage.BodyOf(MessageEncoder.Encode(Reply(body)));
}
