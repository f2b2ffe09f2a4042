using System.Globalization;
using System.Net;

namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// One listening TCP socket (state LISTEN) or one bound UDP socket (any UDP row), with its
/// owner when known.
/// </summary>
/// <param name="Transport">TCP or UDP.</param>
/// <param name="Address">The local address it is bound to; IPv6 sockets may show IPv4-mapped addresses.</param>
/// <param name="Port">The local port.</param>
/// <param name="Inode">The socket's inode, which ties it to the process holding it.</param>
/// <param name="UserId">The uid that created the socket: known even when the owner is not.</param>
/// <param name="Owner">The process holding it, or <c>null</c> when it could not be found.</param>
public sealed record Listener(Transport Transport, IPAddress Address, int Port, long Inode, uint UserId, SocketOwner? Owner)
{
    /// <summary>
    /// Reachable only from this host: 127.0.0.0/8, <c>::1</c> or <c>::ffff:127.0.0.0/104</c>.
    /// The wildcards (<c>0.0.0.0</c>, <c>::</c>) are not loopback: they take every interface.
    /// </summary>
    public bool IsLoopback => IPAddress.IsLoopback(Unmapped);

    /// <summary>Bound to every interface: <c>0.0.0.0</c>, <c>::</c> or <c>::ffff:0.0.0.0</c>.</summary>
    public bool IsWildcard => Unmapped.Equals(IPAddress.Any) || Unmapped.Equals(IPAddress.IPv6Any);

    /// <summary>An IPv6 socket bound to <c>::ffff:a.b.c.d</c> takes exactly the IPv4 address a.b.c.d.</summary>
    private IPAddress Unmapped => Address.IsIPv4MappedToIPv6 ? Address.MapToIPv4() : Address;

    /// <summary>
    /// The way <c>ss -lntup</c> would say it: <c>udp 0.0.0.0:11211 (memcached, pid 412, memcached.service)</c>,
    /// <c>tcp [::]:3306 (systemd, pid 1)</c>, or <c>tcp 0.0.0.0:22 (owner unknown, uid 0)</c>.
    /// </summary>
    public override string ToString()
    {
        var transport = Transport == Transport.Tcp ? "tcp" : "udp";
        var endpoint = new IPEndPoint(Address, Port);
        return string.Create(CultureInfo.InvariantCulture, $"{transport} {endpoint} ({DescribeOwner()})");
    }

    private string DescribeOwner()
    {
        if (Owner is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"owner unknown, uid {UserId}");
        }

        var process = string.Create(CultureInfo.InvariantCulture, $"{Owner.ProcessName}, pid {Owner.ProcessId}");
        return Owner.Unit is null ? process : $"{process}, {Owner.Unit}";
    }
}
