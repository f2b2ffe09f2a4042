namespace CloudSharkHardening.Remediators.Audit;

/// <summary>Public benchmark entries the findings map to, spelt one way.</summary>
public static class BenchmarkReferences
{
    /// <summary>Lynis: check listening ports.</summary>
    public const string LynisListeningPorts = "Lynis NETW-3012";

    /// <summary>Lynis: check for a running NTP daemon or client.</summary>
    public const string LynisNtpDaemon = "Lynis TIME-3104";

    /// <summary>Lynis: check systemd NTP time synchronisation status.</summary>
    public const string LynisSystemdNtpStatus = "Lynis TIME-3106";

    /// <summary>Lynis: check for vulnerable (security-update) packages.</summary>
    public const string LynisVulnerablePackages = "Lynis PKGS-7392";

    /// <summary>Lynis: accounts without a password.</summary>
    public const string LynisAccountsWithoutPassword = "Lynis AUTH-9283";

    /// <summary>memcached's UDP protocol used for reflected amplification attacks.</summary>
    public const string MemcachedUdpAmplification = "CVE-2018-1000115";

    /// <summary>Use of default credentials.</summary>
    public const string DefaultCredentials = "CWE-1392";

    /// <summary>Incorrect permission assignment for a critical resource.</summary>
    public const string CriticalResourcePermissions = "CWE-732";
}
