using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.Remediators.Rules.Uploads;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>The whole validated configuration: immutable, complete, every default filled in.</summary>
public sealed record HardeningConfig(
    Platform Platform,
    string StateDirectory,
    string StorageDirectory,
    RuleSetting<MemcachedOptions> Memcached,
    RuleSetting<MariaDbOptions> MariaDb,
    RuleSetting<UploadsOptions> Uploads,
    RuleSetting<CloudSharkUnitOptions> CloudSharkUnit)
{
    /// <summary>The <c>firewall</c> rule (an init property, so sections can be added without reshuffling the list above).</summary>
    public required RuleSetting<FirewallOptions> Firewall { get; init; }

    /// <summary>How the daemon paces itself; <c>--once</c> does not use it.</summary>
    public DaemonOptions Daemon { get; init; } = DaemonOptions.Default;

    public string PlatformName => Platform == Platform.RedHat ? "redhat" : "debian";

    /// <summary>What the audit compares against (the <c>audit</c> section).</summary>
    public AuditOptions Audit { get; init; } = AuditOptions.Default;
}
