using System.Globalization;

namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// One row of /proc/net/unix: <c>Num RefCount Protocol Flags Type St Inode [Path]</c>.
/// </summary>
internal sealed record UnixSocketRow(int Flags, int Type, long Inode, string? Path)
{
    /// <summary>The flag the kernel sets on a socket in the listening state.</summary>
    public const int AcceptConnectionsFlag = 0x10000;

    /// <summary>SOCK_STREAM.</summary>
    public const int StreamType = 1;

    private const int FieldsBeforePath = 7;

    /// <summary>The header words, all of them.</summary>
    public static IReadOnlyList<string> Header { get; } = ["Num", "RefCount", "Protocol", "Flags", "Type", "St", "Inode", "Path"];

    public bool IsListeningStream => (Flags & AcceptConnectionsFlag) != 0 && Type == StreamType;

    /// <summary>The row, or <c>null</c> when the line is not a well-formed row.</summary>
    public static UnixSocketRow? TryParse(string line)
    {
        var fields = new List<string>(FieldsBeforePath);
        var position = 0;
        while (fields.Count < FieldsBeforePath)
        {
            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }

            var start = position;
            while (position < line.Length && line[position] != ' ')
            {
                position++;
            }

            if (start == position)
            {
                return null;
            }

            fields.Add(line[start..position]);
        }

        if (!fields[0].EndsWith(':')
            || !IsHex(fields[1], 8) || !IsHex(fields[2], 8) || !IsHex(fields[3], 8) || !IsHex(fields[4], 4) || !IsHex(fields[5], 2)
            || !long.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return null;
        }

        // The kernel writes one space and then the name byte for byte, spaces included.
        var path = position + 1 < line.Length ? line[(position + 1)..] : null;
        return new UnixSocketRow(Hex(fields[3]), Hex(fields[4]), inode, path);
    }

    private static bool IsHex(string field, int digits) =>
        field.Length == digits && int.TryParse(field, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private static int Hex(string field) => int.Parse(field, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
