using System.Globalization;
using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Rules.SocketUnits;

/// <summary>
/// A socket unit's listen address read as systemd.socket(5) reads it: a bare port ("3306",
/// every address, IPv6 and IPv4), "0.0.0.0:3306", "[::1]:3306"; a path or an "@" name is a
/// local socket. Only IP addresses are network; vsock, netlink and FIFOs are not judged here.
/// </summary>
internal sealed record SocketUnitAddress(Transport Transport, IPAddress? Address, int Port)
{
    /// <summary>The address, or <c>null</c> when it is not an IP socket.</summary>
    /// <param name="kind">As systemd's Listen property names it: "Stream", "Datagram", "SequentialPacket", ...</param>
    /// <param name="address">The address as a Listen*= line or systemd's Listen property gives it.</param>
    public static SocketUnitAddress? Parse(string kind, string address)
    {
        var transport = kind switch
        {
            "Stream" or "SequentialPacket" => Transport.Tcp,
            "Datagram" => Transport.Udp,
            _ => (Transport?)null,
        };
        if (transport is null || address.Length == 0 || address[0] is '/' or '@')
        {
            return null;
        }

        if (IsPort(address, out var bare))
        {
            return new SocketUnitAddress(transport.Value, null, bare);
        }

        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !IsPort(address[(colon + 1)..], out var port))
        {
            return null;
        }

        var host = address[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        var percent = host.IndexOf('%', StringComparison.Ordinal);
        host = percent < 0 ? host : host[..percent]; // an interface scope: still that address
        return IPAddress.TryParse(host, out var ip) ? new SocketUnitAddress(transport.Value, ip, port) : null;
    }

    /// <summary>Loopback only; a bare port or a wildcard address is every interface.</summary>
    public bool IsLoopback => Address is not null && IPAddress.IsLoopback(Address.IsIPv4MappedToIPv6 ? Address.MapToIPv4() : Address);

    private static bool IsPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
