using System.Collections.Immutable;
using System.Globalization;
using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// The chain the agent owns in one family's filter table, and the one jump to it from
/// <c>INPUT</c>, written exactly as iptables-save prints them so the kernel's rules compare as
/// text. The chain only ever takes away: loopback and allowed sources RETURN to INPUT, where
/// everyone else's rules decide as before; other sources are dropped from the public ports;
/// the local-only ports are dropped on every interface but loopback. It matches nothing else,
/// so SSH (or any port not configured) cannot be locked out by it.
/// </summary>
public sealed record ManagedChain(string Name, ImmutableArray<string> RuleSpecs)
{
    public const string Table = "filter";

    /// <summary>The jump from INPUT, unconditional: which packets matter is the chain's business.</summary>
    public string JumpSpec => PlainJump(Name);

    /// <summary>The declaration; in an <c>iptables-restore --noflush</c> it creates the chain, or flushes it if it exists.</summary>
    public string Declaration => $":{Name} - [0:0]";

    /// <summary>The lines of the chain as iptables-save prints them: declaration, jump, rules.</summary>
    public IEnumerable<IptablesSaveLine> Lines() =>
    [
        IptablesSaveLine.Parse(Declaration, Table),
        IptablesSaveLine.NewRule("INPUT", JumpSpec, Table),
        .. RuleSpecs.Select(spec => IptablesSaveLine.NewRule(Name, spec, Table)),
    ];

    /// <summary>The same lines as text, one per line: what a diff of the chain shows.</summary>
    public string Text() => string.Concat(Lines().Select(line => line.Text + "\n"));

    /// <summary>The specification of an unconditional jump to <paramref name="chain"/>, as iptables-save prints it.</summary>
    public static string PlainJump(string chain) => $"-j {chain}";

    /// <summary>The chain for one family, from the configured ranges of that family and the ports.</summary>
    public static ManagedChain For(FirewallOptions options, IptablesFamily family)
    {
        var specs = new List<string> { "-i lo -j RETURN" };
        if (!options.PublicPorts.IsEmpty)
        {
            var publicPorts = PortMatch("tcp", options.PublicPorts);
            specs.AddRange(options.SourceRanges.Where(r => r.IsIPv6 == family.IsIPv6).Select(range => $"{range.SourceMatch}{publicPorts} -j RETURN"));
            specs.Add($"{publicPorts} -j DROP");
        }

        if (!options.LocalOnlyPorts.IsEmpty)
        {
            specs.Add($"{PortMatch("tcp", options.LocalOnlyPorts)} -j DROP");
            specs.Add($"{PortMatch("udp", options.LocalOnlyPorts)} -j DROP");
        }

        return new ManagedChain(FirewallOptions.ChainName, [.. specs]);
    }

    private static string PortMatch(string protocol, ImmutableArray<int> ports) =>
        $"-p {protocol} -m multiport --dports {string.Join(',', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)))}";
}
