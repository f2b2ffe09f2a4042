namespace CloudSharkHardening.Remediators;

/// <summary>The distribution family, which decides default paths and file formats.</summary>
public enum Platform
{
    /// <summary>RHEL, Rocky, Alma, CentOS Stream, Fedora: /etc/sysconfig files.</summary>
    RedHat,

    /// <summary>Debian and Ubuntu: /etc/memcached.conf, /etc/mysql.</summary>
    Debian,
}
