using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>Checks of the firewall's values.</summary>
internal static partial class Validate
{
    /// <summary>iptables' multiport match takes at most 15 ports in one rule.</summary>
    private const int MaxPortsPerList = 15;

    /// <summary>The one port the firewall rule never touches, so an administrator cannot be locked out by it.</summary>
    private const int Ssh = 22;

    /// <summary>CIDR ranges, IPv4 or IPv6, each exactly a network (no host bits set); an empty list closes the public ports.</summary>
    public static ImmutableArray<SourceRange> SourceRanges(SectionReader section, string key, ImmutableArray<SourceRange> fallback)
    {
        var values = section.Strings(key);
        if (values is null)
        {
            return fallback;
        }

        var ranges = ImmutableArray.CreateBuilder<SourceRange>();
        foreach (var (value, index) in values.Value.Select((v, i) => (v, i)))
        {
            if (SourceRange.TryParse(value, out var range, out var problem))
            {
                ranges.Add(range);
            }
            else
            {
                section.Error($"{key}[{index}]", $"'{value}' {problem}");
            }
        }

        return ranges.ToImmutable();
    }

    /// <summary>TCP ports, distinct, at most 15, never 22.</summary>
    public static ImmutableArray<int> Ports(SectionReader section, string key, ImmutableArray<int> fallback)
    {
        var ports = section.Integers(key, 1, 65535) ?? fallback;
        if (ports.Length > MaxPortsPerList)
        {
            section.Error(key, $"lists {ports.Length} ports; iptables' multiport match takes at most {MaxPortsPerList}");
        }

        foreach (var (port, index) in ports.Select((p, i) => (p, i)))
        {
            if (port == Ssh)
            {
                section.Error($"{key}[{index}]", "22 is SSH, which the firewall rule never touches so that it can never lock an administrator out");
            }
            else if (ports.IndexOf(port) < index)
            {
                section.Error($"{key}[{index}]", $"{port} is listed twice");
            }
        }

        return [.. ports.Where(port => port != Ssh).Distinct()];
    }
}
