using System.Net;
using System.Net.Sockets;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// The kernel's IPv4 and IPv6 filter tables as iptables-save and ip6tables-save print them,
/// asked one question: are new packets from outside to this listener dropped? Rules kept
/// only in native nftables tables (firewalld's own) are not seen, so such a port reads as open.
/// </summary>
public sealed class FirewallView
{
    private readonly InputChainWalk? _ipv4;
    private readonly InputChainWalk? _ipv6;

    private FirewallView(InputChainWalk? ipv4, InputChainWalk? ipv6)
    {
        _ipv4 = ipv4;
        _ipv6 = ipv6;
    }

    /// <summary>Reads both tables now; a tool that is missing or refuses leaves that family unknown.</summary>
    public static async Task<FirewallView> ReadAsync(ILiveSystem live, CancellationToken cancellationToken) => new(
        await ReadAsync(live, "iptables-save", cancellationToken).ConfigureAwait(false),
        await ReadAsync(live, "ip6tables-save", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The verdict for the families the socket receives: IPv4 for an IPv4 or IPv4-mapped
    /// address, IPv6 for an IPv6 one, and both for <c>::</c>, which takes IPv4 as well.
    /// </summary>
    public FilterVerdict Judge(Listener listener)
    {
        var address = listener.Address;
        if (address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6)
        {
            return Judge(_ipv4, "iptables-save", listener);
        }

        var ipv6 = Judge(_ipv6, "ip6tables-save", listener);
        return address.Equals(IPAddress.IPv6Any) ? FilterVerdict.Worse(Judge(_ipv4, "iptables-save", listener), ipv6) : ipv6;
    }

    private static FilterVerdict Judge(InputChainWalk? walk, string tool, Listener listener)
    {
        if (walk is null)
        {
            return new FilterVerdict(FilterState.Unknown, $"{tool} gave no answer: not installed, or not run as root");
        }

        try
        {
            return walk.Judge(listener.Transport, listener.Port);
        }
        catch (Errors.HardeningException e)
        {
            return new FilterVerdict(FilterState.Unknown, e.Message);
        }
    }

    private static async Task<InputChainWalk?> ReadAsync(ILiveSystem live, string tool, CancellationToken cancellationToken) =>
        await live.CommandOutputAsync(tool, ["-t", "filter"], cancellationToken).ConfigureAwait(false) is { } output
            ? new InputChainWalk(IptablesRuleset.Parse(output), tool)
            : null;
}
