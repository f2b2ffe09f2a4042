using System.Buffers.Binary;

namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Writes the D-Bus wire format into a growing buffer. Positions count from the start of
/// the message, because alignment does. The agent always sends little-endian; big-endian
/// output exists so tests can prove the reader handles peers that send it.
/// </summary>
internal sealed partial class WireWriter(bool bigEndian = false)
{
    private byte[] _buffer = new byte[256];

    public bool BigEndian { get; } = bigEndian;

    public int Position { get; private set; }

    public byte[] ToArray() => _buffer.AsSpan(0, Position).ToArray();

    /// <summary>Writes zero bytes up to the next multiple of <paramref name="alignment"/>; padding must be zero.</summary>
    public void Align(int alignment)
    {
        var padding = (alignment - (Position % alignment)) % alignment;
        Reserve(padding).Clear();
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value)
    {
        Align(2);
        var target = Reserve(2);
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, value);
        }
    }

    public void WriteUInt32(uint value)
    {
        Align(4);
        PatchUInt32(Reserve(4), value);
    }

    public void WriteUInt64(ulong value)
    {
        Align(8);
        var target = Reserve(8);
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target, value);
        }
    }

    /// <summary>STRING and OBJECT_PATH: a 32-bit length, the UTF-8 bytes, a NUL the length does not count.</summary>
    public void WriteString(string value)
    {
        var length = WireText.Utf8.GetByteCount(value);
        WriteUInt32((uint)length);
        WireText.Utf8.GetBytes(value, Reserve(length));
        WriteByte(0);
    }

    /// <summary>SIGNATURE: like a string, but with an 8-bit length.</summary>
    public void WriteSignature(string value)
    {
        WriteByte((byte)value.Length);
        WireText.Utf8.GetBytes(value, Reserve(value.Length));
        WriteByte(0);
    }

    /// <summary>Overwrites a 32-bit length written earlier as a placeholder.</summary>
    public void PatchUInt32(int position, uint value) => PatchUInt32(_buffer.AsSpan(position, 4), value);

    private void PatchUInt32(Span<byte> target, uint value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target, value);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if ((long)Position + count > DBusLimits.MaxMessageLength)
        {
            throw new ArgumentException($"the message would exceed the D-Bus limit of {DBusLimits.MaxMessageLength} bytes");
        }

        if (Position + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(DBusLimits.MaxMessageLength, Math.Max(_buffer.Length * 2L, Position + count)));
        }

        var span = _buffer.AsSpan(Position, count);
        Position += count;
        return span;
    }
}
