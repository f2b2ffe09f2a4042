using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CloudSharkHardening.Agent.Logging;

/// <summary>
/// One journal entry in the native protocol (systemd's JOURNAL_NATIVE_PROTOCOL): <c>KEY=value\n</c>,
/// or for a value holding a newline <c>KEY\n</c>, its length as a little-endian u64, the bytes, <c>\n</c>.
/// </summary>
internal sealed class JournalEntry
{
    private readonly ArrayBufferWriter<byte> _bytes = new(256);

    public JournalEntry Add(string key, string value)
    {
        var name = Encoding.ASCII.GetBytes(key);
        var data = Encoding.UTF8.GetBytes(value);
        _bytes.Write(name.AsSpan());
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)data.Length);
            _bytes.Write("\n"u8);
            _bytes.Write((ReadOnlySpan<byte>)length);
        }
        else
        {
            _bytes.Write("="u8);
        }

        _bytes.Write(data.AsSpan());
        _bytes.Write("\n"u8);
        return this;
    }

    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

    /// <summary>
    /// A Serilog property name as a journal field: PascalCase to UPPER_SNAKE (RunId → RUN_ID),
    /// only [A-Z0-9_], never a leading '_' (those are journald's own trusted fields).
    /// </summary>
    public static string FieldName(string property)
    {
        var name = new StringBuilder(property.Length + 4);
        for (var i = 0; i < property.Length; i++)
        {
            var c = property[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(property[i - 1]) || (i + 1 < property.Length && char.IsLower(property[i + 1]) && char.IsUpper(property[i - 1]))))
            {
                name.Append('_');
            }

            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return name.ToString().TrimStart('_') is { Length: > 0 } field ? field : "FIELD";
    }
}
