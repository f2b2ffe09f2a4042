namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Turns a <see cref="Message"/> into its bytes: the fixed header, the <c>a(yv)</c> field
/// array in code order, padding to 8, then the body. Lengths are written as placeholders and
/// patched once known. A message the specification forbids is refused with
/// <see cref="ArgumentException"/> before a byte is sent.
/// </summary>
internal static class MessageEncoder
{
    public static byte[] Encode(Message message, bool bigEndian = false)
    {
        if (MessageRules.Problem(message) is { } problem)
        {
            throw new ArgumentException($"cannot send {message}: {problem}", nameof(message));
        }

        var writer = new WireWriter(bigEndian);
        writer.WriteByte(bigEndian ? (byte)'B' : (byte)'l');
        writer.WriteByte((byte)message.Type);
        writer.WriteByte((byte)message.Flags);
        writer.WriteByte(1);
        writer.WriteUInt32(0);
        writer.WriteUInt32(message.Serial);
        writer.WriteUInt32(0);

        WriteField(writer, HeaderField.Path, message.Path is { } path ? new DBusObjectPath(path) : null);
        WriteField(writer, HeaderField.Interface, Text(message.Interface));
        WriteField(writer, HeaderField.Member, Text(message.Member));
        WriteField(writer, HeaderField.ErrorName, Text(message.ErrorName));
        WriteField(writer, HeaderField.ReplySerial, message.ReplySerial is { } replySerial ? new DBusUInt32(replySerial) : null);
        WriteField(writer, HeaderField.Destination, Text(message.Destination));
        WriteField(writer, HeaderField.Sender, Text(message.Sender));
        WriteField(writer, HeaderField.Signature, message.Signature.Length > 0 ? new DBusSignature(message.Signature) : null);
        writer.PatchUInt32(12, (uint)(writer.Position - MessageDecoder.FixedHeaderLength));

        writer.Align(8);
        var bodyStart = writer.Position;
        foreach (var value in message.Body)
        {
            writer.WriteValue(value, depth: 0);
        }

        writer.PatchUInt32(4, (uint)(writer.Position - bodyStart));
        return writer.ToArray();
    }

    private static DBusString? Text(string? value) => value is null ? null : new DBusString(value);

    private static void WriteField(WireWriter writer, HeaderField code, DBusValue? value)
    {
        if (value is null)
        {
            return;
        }

        // Each field is a (yv) struct, so it starts on a multiple of 8.
        writer.Align(8);
        writer.WriteByte((byte)code);
        writer.WriteSignature(value.Signature);
        writer.WriteValue(value, depth: 3);
    }
}
