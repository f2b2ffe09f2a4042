namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>How the platform writes memcached's arguments down.</summary>
public enum MemcachedConfigFormat
{
    /// <summary>EL: <c>OPTIONS="..."</c> in <c>/etc/sysconfig/memcached</c>, read through the unit's EnvironmentFile=.</summary>
    Sysconfig,

    /// <summary>Debian and Ubuntu: one option per line in <c>/etc/memcached.conf</c>.</summary>
    DebianConf,
}
