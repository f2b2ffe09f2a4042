using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>
/// Messages assembled around hand-written body bytes, so tests can present the decoder with
/// bodies no correct encoder would produce.
/// </summary>
public static class RawMessage
{
    /// <summary>A little-endian METHOD_RETURN (serial 2, reply to 1) with <paramref name="signature"/> and these body bytes.</summary>
    public static byte[] Return(string signature, byte[] body)
    {
        var writer = new WireWriter();
        writer.WriteByte((byte)'l');
        writer.WriteByte(2);
        writer.WriteByte(0);
        writer.WriteByte(1);
        writer.WriteUInt32((uint)body.Length);
        writer.WriteUInt32(2);
        writer.WriteUInt32(0);
        writer.Align(8);
        writer.WriteByte((byte)HeaderField.ReplySerial);
        writer.WriteSignature("u");
        writer.WriteUInt32(1);
        if (signature.Length > 0)
        {
            writer.Align(8);
            writer.WriteByte((byte)HeaderField.Signature);
            writer.WriteSignature("g");
            writer.WriteSignature(signature);
        }

        writer.PatchUInt32(12, (uint)(writer.Position - 16));
        writer.Align(8);
        return [.. writer.ToArray(), .. body];
    }

    /// <summary>The body bytes of an encoded message: what follows the header and its padding.</summary>
    public static byte[] BodyOf(byte[] message)
    {
        var fieldsLength = message[0] == (byte)'B'
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(12))
            : System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(12));
        var headerEnd = (16 + fieldsLength + 7) / 8 * 8;
        return message[headerEnd..];
    }
}
