using System.Buffers.Binary;

namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Writes the D-Bus wire format into a growing buffer. Positions count from the start of
/// the message, because alignment does. The agent always sends little-endian; big-endian
/// output exists so tests can prove the reader handles peers that send it.
/// </summary>
internal sealed partial class WireWriter(bool bigEndian = false)
{
    private delegate void SpanWriter<in T>(Span<byte> target, T value);

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

    public void WriteUInt16(ushort value) =>
        Put(value, 2, BinaryPrimitives.WriteUInt16BigEndian, BinaryPrimitives.WriteUInt16LittleEndian);

    public void WriteUInt32(uint value) =>
        Put(value, 4, BinaryPrimitives.WriteUInt32BigEndian, BinaryPrimitives.WriteUInt32LittleEndian);

    public void WriteUInt64(ulong value) =>
        Put(value, 8, BinaryPrimitives.WriteUInt64BigEndian, BinaryPrimitives.WriteUInt64LittleEndian);

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
    public void PatchUInt32(int position, uint value)
    {
        var target = _buffer.AsSpan(position, 4);
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target, value);
        }
    }

    /// <summary>A fixed-size integer, aligned to its own size, in the message's byte order.</summary>
    private void Put<T>(T value, int size, SpanWriter<T> bigEndian, SpanWriter<T> littleEndian)
    {
        Align(size);
        (BigEndian ? bigEndian : littleEndian)(Reserve(size), value);
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
