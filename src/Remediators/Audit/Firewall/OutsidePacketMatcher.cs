using System.Globalization;
using System.Net;
using CloudSharkHardening.Remediators.Formats.IptablesSave;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// Judges a rule's matches against "a new packet from another host, arriving on a
/// non-loopback interface, for this transport and destination port". What the matcher does
/// not understand counts as <see cref="PacketMatch.Some"/>: it may or may not match, so it can
/// neither prove a port dropped nor be ignored if it accepts.
/// </summary>
internal static class OutsidePacketMatcher
{
    public static PacketMatch Classify(RuleSpec spec, Transport transport, int port)
    {
        var result = PacketMatch.Always;
        foreach (var option in spec.Matches)
        {
            var match = Classify(option, transport, port);
            if (option.Negated)
            {
                match = match switch { PacketMatch.Always => PacketMatch.Never, PacketMatch.Never => PacketMatch.Always, _ => PacketMatch.Some };
            }

            if (match == PacketMatch.Never)
            {
                return PacketMatch.Never;
            }

            if (match == PacketMatch.Some)
            {
                result = PacketMatch.Some;
            }
        }

        return result;
    }

    private static PacketMatch Classify(RuleOption option, Transport transport, int port) => option.Name switch
    {
        "-m" or "--match" or "--comment" => PacketMatch.Always,
        "-p" or "--protocol" => Protocol(option.Value, transport),
        "-i" or "--in-interface" => option.Value is "lo" ? PacketMatch.Never : PacketMatch.Some,
        "-s" or "--source" or "-d" or "--destination" => Address(option.Value),
        "--dport" or "--destination-port" or "--dports" or "--destination-ports" => PortList(option.Value, port, whenMissed: PacketMatch.Never),
        // Either port may match; the sender picks its own source port, so a miss is only "some".
        "--ports" => PortList(option.Value, port, whenMissed: PacketMatch.Some),
        "--state" or "--ctstate" => option.Value.Split(',').Contains("NEW", StringComparer.Ordinal) ? PacketMatch.Always : PacketMatch.Never,
        "--syn" => transport == Transport.Tcp ? PacketMatch.Always : PacketMatch.Never,
        "--dst-type" => option.Value == "LOCAL" ? PacketMatch.Always : PacketMatch.Some,
        _ => PacketMatch.Some,
    };

    private static PacketMatch Protocol(string protocol, Transport transport) => protocol.ToUpperInvariant() switch
    {
        "ALL" or "0" => PacketMatch.Always,
        "TCP" or "6" => transport == Transport.Tcp ? PacketMatch.Always : PacketMatch.Never,
        "UDP" or "17" => transport == Transport.Udp ? PacketMatch.Always : PacketMatch.Never,
        _ => PacketMatch.Never, // icmp, sctp, esp, ...: never a TCP or UDP packet
    };

    /// <summary>
    /// Any address (<c>0.0.0.0/0</c>) matches all; a loopback range matches nothing from
    /// outside (the kernel drops such packets as martians); any other range matches some.
    /// </summary>
    private static PacketMatch Address(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var text = slash < 0 ? cidr : cidr[..slash];
        if (!IPAddress.TryParse(text, out var address))
        {
            return PacketMatch.Some;
        }

        var prefix = slash < 0 ? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : -1;
        if (prefix == 0)
        {
            return PacketMatch.Always;
        }

        var loopbackPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 8 : 128;
        return IPAddress.IsLoopback(address) && prefix >= loopbackPrefix ? PacketMatch.Never : PacketMatch.Some;
    }

    /// <summary>
    /// <c>3306</c>, <c>3000:4000</c>, <c>:1024</c>, <c>1024:</c>, or a multiport list of those;
    /// a list it cannot read (a service name) is only "some".
    /// </summary>
    private static PacketMatch PortList(string list, int port, PacketMatch whenMissed)
    {
        foreach (var item in list.Split(','))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var (low, high) = colon < 0 ? (Port(item, null), Port(item, null)) : (Port(item[..colon], 0), Port(item[(colon + 1)..], 65535));
            if (low is null || high is null)
            {
                return PacketMatch.Some;
            }

            if (low <= port && port <= high)
            {
                return PacketMatch.Always;
            }
        }

        return whenMissed;
    }

    private static int? Port(string text, int? whenEmpty) =>
        text.Length == 0 ? whenEmpty : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
}
