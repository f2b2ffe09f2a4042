using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// A source network allowed to reach the public ports, such as <c>10.1.0.0/16</c> or
/// <c>2001:db8::/32</c>. Parsed strictly (no octal or shortened IPv4, no scope, no host bits
/// beyond the prefix), so what the administrator wrote is exactly what the kernel matches;
/// printed the way <c>iptables-save</c> prints it, so the kernel's rules compare as text.
/// </summary>
public sealed partial record SourceRange
{
    private SourceRange(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The network address, host bits all zero.</summary>
    public IPAddress Network { get; }

    public int PrefixLength { get; }

    public bool IsIPv6 => Network.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>
    /// The rule's source match, <c>-s 10.1.0.0/16</c>; empty for a whole family, which
    /// iptables-save prints without any <c>-s</c>.
    /// </summary>
    public string SourceMatch => PrefixLength == 0 ? "" : $"-s {this} ";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    /// <summary>Reads a range known to be valid, such as a built-in default.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid range.</exception>
    public static SourceRange Parse(string text) =>
        TryParse(text, out var range, out var problem) ? range : throw new FormatException($"'{text}' {problem}");

    /// <summary>Reads <c>ADDRESS/PREFIX</c> or a bare address (one host); says what is wrong otherwise.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SourceRange? range, [NotNullWhen(false)] out string? problem)
    {
        range = null;
        var parts = text.Split('/');
        if (parts.Length > 2 || !TryParseAddress(parts[0], out var address))
        {
            problem = "is not an IPv4 or IPv6 range such as 10.1.0.0/16 or 2001:db8::/32";
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = bits;
        if (parts.Length == 2 && (!PrefixPattern().IsMatch(parts[1]) || (prefix = int.Parse(parts[1], CultureInfo.InvariantCulture)) > bits))
        {
            problem = $"has no valid prefix length (0 to {bits}) after the /";
            return false;
        }

        var network = Masked(address, prefix);
        if (!network.Equals(address))
        {
            problem = $"has address bits set beyond its /{prefix} prefix; the network is {network}/{prefix}";
            return false;
        }

        range = new SourceRange(network, prefix);
        problem = null;
        return true;
    }

    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // A scope (%eth0) means nothing to a packet filter.
            return !text.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(text, out address)
                && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // IPAddress.Parse would also take "10.1" and "010.0.0.1" (octal); a firewall must not guess.
        return DottedQuadPattern().IsMatch(text)
            && text.Split('.').All(octet => int.Parse(octet, CultureInfo.InvariantCulture) <= 255)
            && IPAddress.TryParse(text, out address);
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$")]
    private static partial Regex DottedQuadPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})$")]
    private static partial Regex PrefixPattern();
}
