using System.Globalization;
using System.Net;

namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>One row of /proc/net/tcp, tcp6, udp or udp6: the columns the probe needs.</summary>
internal sealed record InetSocketRow(IPAddress Address, int Port, byte State, uint UserId, long Inode)
{
    /// <summary>TCP_LISTEN in the kernel's include/net/tcp_states.h.</summary>
    public const byte ListenState = 0x0A;

    /// <summary>
    /// Every row the kernel prints (listening, established, time-wait, request sockets) has a
    /// reference count and a kernel pointer after the inode; a row without them was cut short,
    /// and its inode may be cut short too.
    /// </summary>
    private const int MinimumFields = 12;

    /// <summary>
    /// Header words of the four files, up to the inode column; the remote column is
    /// rem_address in tcp and udp, remote_address in tcp6 and udp6.
    /// </summary>
    public static IReadOnlyList<string> Header { get; } =
        ["sl", "local_address", ProcNetFile.AnyWord, "st", "tx_queue", "rx_queue", "tr", "tm->when", "retrnsmt", "uid", "timeout", "inode"];

    /// <summary>
    /// The row, or <c>null</c> when the line is not a well-formed row (blank, cut short, not hex
    /// where hex belongs): one odd line must not hide the sockets on the others.
    /// </summary>
    public static InetSocketRow? TryParse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < MinimumFields
            || !fields[0].EndsWith(':')
            || !int.TryParse(fields[0].AsSpan(0, fields[0].Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !ProcNetAddress.TryParse(fields[1], out var address, out var port)
            || !ProcNetAddress.TryParse(fields[2], out _, out _)
            || fields[3].Length != 2
            || !byte.TryParse(fields[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var state)
            || !uint.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return null;
        }

        return new InetSocketRow(address, port, state, userId, inode);
    }
}
