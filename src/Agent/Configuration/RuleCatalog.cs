using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.Remediators.Rules.Uploads;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>
/// Every rule the agent knows, in the order a pass runs them: the storage directory exists
/// before the unit that needs it is told to wait for it.
/// </summary>
public static class RuleCatalog
{
    public static IReadOnlyList<string> Names { get; } =
        [MemcachedRule.RuleName, MariaDbRule.RuleName, UploadsRule.RuleName, CloudSharkUnitRule.RuleName, FirewallRule.RuleName];

    public static IReadOnlyList<ConfiguredRule> Create(HardeningConfig config, ApplianceHost host) =>
    [
        new(new MemcachedRule(config.Memcached.Options, host), config.Memcached.Mode),
        new(new MariaDbRule(config.MariaDb.Options, host), config.MariaDb.Mode),
        new(new UploadsRule(config.Uploads.Options, host), config.Uploads.Mode),
        new(new CloudSharkUnitRule(config.CloudSharkUnit.Options, host), config.CloudSharkUnit.Mode),
        new(new FirewallRule(config.Firewall.Options, host), config.Firewall.Mode),
    ];
}
