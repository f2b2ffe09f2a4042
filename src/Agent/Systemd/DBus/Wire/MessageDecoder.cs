using System.Buffers.Binary;

namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Turns one framed message's bytes into a <see cref="Message"/>, in either byte order. The
/// header is checked at once (types of known fields, required fields, names); the body is
/// decoded on first use. Unknown header fields and message types are accepted, as the
/// specification asks; anything malformed is a <see cref="DBusProtocolException"/>.
/// </summary>
internal static class MessageDecoder
{
    public const int FixedHeaderLength = 16;

    private static readonly DBusType HeaderFieldsType = ParseFixed("a(yv)");

    /// <summary>
    /// The whole message's length, from its first 16 bytes, so the framer knows how much to
    /// read, and refuses an impossible or oversized message before allocating for it.
    /// </summary>
    public static int FrameLength(ReadOnlySpan<byte> fixedHeader)
    {
        var bigEndian = fixedHeader[0] switch
        {
            (byte)'l' => false,
            (byte)'B' => true,
            var other => throw new DBusProtocolException($"malformed D-Bus message: endianness byte is 0x{other:x2}, not 'l' or 'B'"),
        };
        if (fixedHeader[3] != 1)
        {
            throw new DBusProtocolException($"D-Bus protocol version {fixedHeader[3]} is not supported; only version 1 exists");
        }

        var bodyLength = ReadUInt32(fixedHeader[4..], bigEndian);
        var fieldsLength = ReadUInt32(fixedHeader[12..], bigEndian);
        if (fieldsLength > DBusLimits.MaxArrayLength)
        {
            throw new DBusProtocolException($"malformed D-Bus message: header fields of {fieldsLength} bytes exceed the array limit");
        }

        var headerLength = FixedHeaderLength + (long)fieldsLength;
        var total = headerLength + ((8 - (headerLength % 8)) % 8) + bodyLength;
        return total <= DBusLimits.MaxMessageLength
            ? (int)total
            : throw new DBusProtocolException($"D-Bus message of {total} bytes exceeds the limit of {DBusLimits.MaxMessageLength}");
    }

    public static Message Decode(byte[] frame)
    {
        if (frame.Length < FixedHeaderLength || FrameLength(frame) != frame.Length)
        {
            throw new DBusProtocolException($"malformed D-Bus message: {frame.Length} bytes do not match the lengths in its header");
        }

        var bigEndian = frame[0] == (byte)'B';
        var reader = new WireReader(frame, 1, frame.Length, bigEndian);
        var type = (MessageType)reader.ReadByte();
        var flags = (MessageFlags)reader.ReadByte();
        reader.ReadByte();
        var bodyLength = reader.ReadUInt32();
        var serial = reader.ReadUInt32();
        var fields = HeaderFields.From((DBusArray)reader.ReadValue(HeaderFieldsType, depth: 0), reader);
        reader.Align(8);
        var bodyStart = reader.Position;
        if (fields.Signature.Length == 0 && bodyLength > 0)
        {
            throw reader.Malformed($"a body of {bodyLength} bytes but no SIGNATURE field");
        }

        if (!SignatureParser.TryParse(fields.Signature, out var bodyTypes, out var invalid))
        {
            throw reader.Malformed(invalid);
        }

        var message = new Message(type, serial, fields.Signature, () => DecodeBody(frame, bodyStart, bigEndian, bodyTypes))
        {
            Flags = flags,
            Path = fields.Path,
            Interface = fields.Interface,
            Member = fields.Member,
            ErrorName = fields.ErrorName,
            ReplySerial = fields.ReplySerial,
            Destination = fields.Destination,
            Sender = fields.Sender,
        };

        return MessageRules.Problem(message) is { } problem
            ? throw new DBusProtocolException($"malformed D-Bus message (type {(byte)type}, serial {serial}): {problem}")
            : message;
    }

    private static List<DBusValue> DecodeBody(byte[] frame, int bodyStart, bool bigEndian, IReadOnlyList<DBusType> types)
    {
        var reader = new WireReader(frame, bodyStart, frame.Length, bigEndian);
        var values = new List<DBusValue>(types.Count);
        foreach (var type in types)
        {
            values.Add(reader.ReadValue(type, depth: 0));
        }

        return reader.Remaining == 0
            ? values
            : throw reader.Malformed($"the body has {reader.Remaining} bytes beyond its signature '{string.Concat(types.Select(t => t.Signature))}'");
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private static DBusType ParseFixed(string signature) =>
        SignatureParser.TryParseSingle(signature, out var type, out var problem) ? type! : throw new InvalidOperationException(problem);
}
