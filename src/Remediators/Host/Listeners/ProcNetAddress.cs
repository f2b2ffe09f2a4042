using System.Globalization;
using System.Net;

namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// A local or remote address column of /proc/net/tcp, tcp6, udp and udp6: <c>ADDRESS:PORT</c> in hex.
/// </summary>
internal static class ProcNetAddress
{
    private const int WordDigits = 8;
    private const int PortDigits = 4;
    private const int IPv4Digits = 8;
    private const int IPv6Digits = 32;

    /// <summary>Decodes <c>0100007F:2BCB</c> (127.0.0.1:11211) or its 32-digit IPv6 form.</summary>
    public static bool TryParse(string text, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || text.Length - colon - 1 != PortDigits
            || !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var parsedPort)
            || !TryParseAddress(text.AsSpan(0, colon), out var parsedAddress))
        {
            return false;
        }

        address = parsedAddress;
        port = parsedPort;
        return true;
    }

    /// <summary>
    /// The kernel prints the address as 32-bit words, each the network-order bytes read as a
    /// native integer (so 127.0.0.1 shows as 0100007F on x86_64 and arm64). Writing each word
    /// back in native order gives the bytes again, on a host of either byte order.
    /// </summary>
    private static bool TryParseAddress(ReadOnlySpan<char> hex, out IPAddress address)
    {
        address = IPAddress.None;
        if (hex.Length != IPv4Digits && hex.Length != IPv6Digits)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / WordDigits; word++)
        {
            if (!uint.TryParse(hex.Slice(word * WordDigits, WordDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                || !BitConverter.TryWriteBytes(bytes.Slice(word * 4, 4), value))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
