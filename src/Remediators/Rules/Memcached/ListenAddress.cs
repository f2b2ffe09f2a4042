using System.Net;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// One entry of a <c>-l</c> list as memcached splits it: <c>host</c>, <c>host:port</c>,
/// <c>[v6]</c>, <c>[v6]:port</c> or a bare IPv6 literal, with an optional <c>notls:</c> prefix
/// (TLS builds). Only the host decides whether the socket is reachable from outside.
/// </summary>
internal static class ListenAddress
{
    private const string NoTlsPrefix = "notls:";

    /// <summary>127.0.0.0/8, ::1 (also as an IPv4-mapped address) or the name <c>localhost</c>.</summary>
    public static bool IsLoopback(string entry)
    {
        var host = Host(entry);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host part of an entry, ports and brackets removed.</summary>
    public static string Host(string entry)
    {
        var text = entry.StartsWith(NoTlsPrefix, StringComparison.Ordinal) ? entry[NoTlsPrefix.Length..] : entry;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? text : text[1..close];
        }

        // memcached reads exactly one colon as host:port; more than one is a bare IPv6 literal.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == text.LastIndexOf(':') ? text[..colon] : text;
    }
}
