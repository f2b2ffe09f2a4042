using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Audit.Listeners;

/// <summary>
/// The systemd units of the services the rules manage: a socket is theirs when its process is
/// in their unit's cgroup, whatever the process calls itself.
/// </summary>
/// <param name="Memcached">memcached's unit (<c>memcached.service</c>).</param>
/// <param name="MariaDb">The database's unit (<c>mariadb.service</c>, <c>mysqld.service</c>).</param>
public sealed record ManagedUnits(string Memcached, string MariaDb)
{
    /// <summary>The unit whose well-known port <paramref name="port"/> is, or <c>null</c> when no managed service's.</summary>
    public string? UnitOfPort(int port) => port switch
    {
        MemcachedRule.WellKnownPort => Memcached,
        MariaDbRule.WellKnownPort => MariaDb,
        _ => null,
    };
}
