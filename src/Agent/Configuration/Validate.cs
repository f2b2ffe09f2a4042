using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>Checks of single values; each returns the value when good and records an error when not.</summary>
internal static partial class Validate
{
    public static string Path(SectionReader section, string key, string fallback)
    {
        var value = section.String(key) ?? fallback;
        if (!AppliancePath.IsValid(value, out var problem))
        {
            section.Error(key, $"'{value}' {problem}");
            return fallback;
        }

        return AppliancePath.Normalize(value);
    }

    public static ImmutableArray<string> Paths(SectionReader section, string key, ImmutableArray<string> fallback)
    {
        var values = section.Strings(key) ?? fallback;
        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            if (!AppliancePath.IsValid(value, out var problem))
            {
                section.Error($"{key}[{index}]", $"'{value}' {problem}");
            }
        }

        return [.. values.Where(v => AppliancePath.IsValid(v, out _)).Select(AppliancePath.Normalize)];
    }

    public static string UnitName(SectionReader section, string key, string fallback)
    {
        var value = section.String(key) ?? fallback;
        if (!UnitNamePattern().IsMatch(value))
        {
            section.Error(key, $"'{value}' is not a systemd unit name such as 'memcached.service'");
            return fallback;
        }

        return value;
    }

    public static string AccountName(SectionReader section, string key, string fallback)
    {
        var value = section.String(key) ?? fallback;
        if (!AccountNamePattern().IsMatch(value))
        {
            section.Error(key, $"'{value}' is not a valid user or group name");
            return fallback;
        }

        return value;
    }

    public static ImmutableArray<string> AccountNames(SectionReader section, string key, ImmutableArray<string> fallback)
    {
        var values = section.Strings(key) ?? fallback;
        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            if (!AccountNamePattern().IsMatch(value))
            {
                section.Error($"{key}[{index}]", $"'{value}' is not a valid user name");
            }
        }

        return values;
    }

    /// <summary>Loopback only: the rule exists to keep memcached off the network.</summary>
    public static ImmutableArray<string> LoopbackAddresses(SectionReader section, string key, ImmutableArray<string> fallback)
    {
        var values = section.Strings(key) ?? fallback;
        if (values.IsEmpty)
        {
            section.Error(key, "must name at least one loopback address");
            return fallback;
        }

        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            var isLoopback = value == "localhost" || (IPAddress.TryParse(value, out var address) && IPAddress.IsLoopback(address) && !value.Contains('%', StringComparison.Ordinal));
            if (!isLoopback)
            {
                section.Error($"{key}[{index}]", $"'{value}' is not a loopback address (127.0.0.0/8, ::1 or localhost); memcached must not listen on the network");
            }
        }

        return values;
    }

    public static RuleMode Mode(SectionReader section)
    {
        var value = section.String("mode");
        switch (value)
        {
            case null or "enforce":
                return RuleMode.Enforce;
            case "audit":
                return RuleMode.Audit;
            case "off":
                return RuleMode.Off;
            default:
                section.Error("mode", $"'{value}' is not one of enforce, audit, off");
                return RuleMode.Enforce;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9:_.\\@-]+\.(service|socket|mount|target|timer|path)$")]
    private static partial Regex UnitNamePattern();

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex AccountNamePattern();
}
