using System.Collections.Immutable;
using System.Globalization;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// What memcached's arguments make it listen on, judged by meaning: every <c>-l</c> adds its
/// comma list (none at all means every interface), and the last <c>-U</c> sets the UDP port.
/// </summary>
internal sealed class MemcachedSockets
{
    private MemcachedSockets(ImmutableArray<MemcachedArgument> listens, ImmutableArray<MemcachedArgument> udpPorts)
    {
        Listens = listens;
        UdpPorts = udpPorts;
        ListenEntries = [.. listens.SelectMany(listen => Entries(listen.Value))];
    }

    /// <summary>Every listen option, in order.</summary>
    public ImmutableArray<MemcachedArgument> Listens { get; }

    /// <summary>Every UDP port option, in order; the last one counts.</summary>
    public ImmutableArray<MemcachedArgument> UdpPorts { get; }

    public ImmutableArray<string> ListenEntries { get; }

    /// <summary>At least one address, and every listen option names only loopback addresses.</summary>
    public bool ListensOnLoopbackOnly =>
        !Listens.IsEmpty
        && Listens.All(IsLoopbackListen);

    /// <summary>
    /// Only an explicit 0 turns UDP off: memcached before 1.5.6 (EL7 ships 1.4.15) listens on
    /// UDP 11211 without <c>-U</c>. memcached reads the port with atoi.
    /// </summary>
    public bool UdpIsOff =>
        !UdpPorts.IsEmpty
        && int.TryParse(UdpPorts[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
        && port == 0;

    public bool IsCompliant => ListensOnLoopbackOnly && UdpIsOff;

    public static MemcachedSockets From(MemcachedCommandLine commandLine) => new(
        [.. commandLine.Arguments.Where(argument => argument.Letter == MemcachedArgument.Listen)],
        [.. commandLine.Arguments.Where(argument => argument.Letter == MemcachedArgument.UdpPort)]);

    /// <summary>For a report: "all interfaces, UDP unset", "0.0.0.0, UDP 11211".</summary>
    public string Describe()
    {
        var listen = Listens.IsEmpty ? "all interfaces"
            : ListenEntries.IsEmpty ? "-l without an address"
            : string.Join(',', ListenEntries);
        var udp = UdpPorts.IsEmpty ? "UDP unset"
            : UdpIsOff ? "UDP off"
            : $"UDP {UdpPorts[^1].Value ?? "without a port"}";
        return $"{listen}, {udp}";
    }

    /// <summary>A listen option naming at least one address, all of them loopback.</summary>
    public static bool IsLoopbackListen(MemcachedArgument listen)
    {
        var entries = Entries(listen.Value);
        return !entries.IsEmpty && entries.All(ListenAddress.IsLoopback);
    }

    /// <summary>memcached splits with strtok, so empty entries ("a,,b", "a,") vanish.</summary>
    private static ImmutableArray<string> Entries(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
