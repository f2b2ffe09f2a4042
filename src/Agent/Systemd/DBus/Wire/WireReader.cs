using System.Buffers.Binary;
using System.Text;

namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Reads the D-Bus wire format from one message's bytes, in the byte order the message
/// declares. Every length is checked against what is left before it is trusted, padding
/// must be zero, and any violation is a <see cref="DBusProtocolException"/> saying where.
/// </summary>
internal sealed partial class WireReader
{
    private readonly byte[] _message;
    private readonly int _end;

    /// <summary>Reads <paramref name="message"/> (which starts at offset 0, where alignment counts from) up to <paramref name="end"/>.</summary>
    public WireReader(byte[] message, int start, int end, bool bigEndian)
    {
        _message = message;
        Position = start;
        _end = end;
        BigEndian = bigEndian;
    }

    public bool BigEndian { get; }

    public int Position { get; private set; }

    public int Remaining => _end - Position;

    public void Align(int alignment)
    {
        var padding = (alignment - (Position % alignment)) % alignment;
        foreach (var b in Take(padding, "padding"))
        {
            if (b != 0)
            {
                throw Malformed("padding byte is not zero");
            }
        }
    }

    public byte ReadByte() => Take(1, "byte")[0];

    public ushort ReadUInt16()
    {
        Align(2);
        var bytes = Take(2, "16-bit integer");
        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    public uint ReadUInt32()
    {
        Align(4);
        var bytes = Take(4, "32-bit integer");
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ulong ReadUInt64()
    {
        Align(8);
        var bytes = Take(8, "64-bit integer");
        return BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    public bool ReadBoolean() => ReadUInt32() switch
    {
        0 => false,
        1 => true,
        var other => throw Malformed($"boolean holds {other}; only 0 and 1 are valid"),
    };

    public string ReadString()
    {
        var length = ReadUInt32();
        return ReadText(length, "string");
    }

    public string ReadObjectPath()
    {
        var path = ReadString();
        return DBusNames.ObjectPathProblem(path) is { } problem ? throw Malformed(problem) : path;
    }

    public string ReadSignature()
    {
        var signature = ReadText(ReadByte(), "signature");
        return SignatureParser.TryParse(signature, out _, out var problem) ? signature : throw Malformed(problem);
    }

    public DBusProtocolException Malformed(string problem) => new($"malformed D-Bus message at byte {Position}: {problem}");

    private string ReadText(uint length, string what)
    {
        if (length >= Remaining)
        {
            throw Malformed($"{what} of {length} bytes runs past the end of the message");
        }

        var bytes = Take((int)length, what);
        if (Take(1, what)[0] != 0)
        {
            throw Malformed($"{what} is not followed by NUL");
        }

        if (bytes.Contains((byte)0))
        {
            throw Malformed($"{what} holds a NUL byte");
        }

        try
        {
            return WireText.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"{what} is not valid UTF-8");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Malformed($"{what} needs {count} bytes but only {Remaining} are left");
        }

        var span = _message.AsSpan(Position, count);
        Position += count;
        return span;
    }
}
