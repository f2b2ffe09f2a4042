using System.Globalization;
using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Host.Live;

/// <summary>
/// One entry of a socket unit's <c>Listen</c> property: the kind ("Stream", "Datagram", ...)
/// and the address as systemd prints it ("[::]:3306", "/run/mysqld/mysqld.sock", "@mariadb"),
/// or as a unit file may say it ("3306").
/// </summary>
public sealed record SocketListen(string Type, string Address)
{
    /// <summary>A network address rather than a unix path or abstract name.</summary>
    public bool IsNetwork => !Address.StartsWith('/') && !Address.StartsWith('@');

    /// <summary>
    /// Whether a socket systemd bound for this entry may be <paramref name="listener"/>: a
    /// Stream entry is TCP and a Datagram entry UDP, on the same port, and on the same address
    /// unless the entry names none ("3306") or the IPv6 wildcard ("[::]:3306", which takes
    /// IPv4 too).
    /// </summary>
    public bool Covers(Listener listener)
    {
        var transport = Type switch
        {
            "Stream" => Transport.Tcp,
            "Datagram" => Transport.Udp,
            _ => (Transport?)null,
        };
        if (transport != listener.Transport || !TryParseEndpoint(out var host, out var port) || port != listener.Port)
        {
            return false;
        }

        return host is null || host.Equals(IPAddress.IPv6Any) || Unmapped(host).Equals(Unmapped(listener.Address));
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>"3306", "0.0.0.0:514", "[::]:3306" or "[fe80::1%eth0]:80": the host (null for a bare port) and the port.</summary>
    private bool TryParseEndpoint(out IPAddress? host, out int port)
    {
        host = null;
        var colon = Address.LastIndexOf(':');
        var hostText = colon < 0 ? null : Address[..colon];
        if (!int.TryParse(Address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        if (hostText is null)
        {
            return true;
        }

        if (hostText.StartsWith('[') && hostText.EndsWith(']'))
        {
            hostText = hostText[1..^1];
            // A link-local address names its interface after '%'; the kernel's table shows the address alone.
            var scope = hostText.IndexOf('%', StringComparison.Ordinal);
            hostText = scope < 0 ? hostText : hostText[..scope];
        }
        else if (hostText.Contains(':', StringComparison.Ordinal))
        {
            return false; // vsock:CID:PORT and the like
        }

        return IPAddress.TryParse(hostText, out host);
    }
}
