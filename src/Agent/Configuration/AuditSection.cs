using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>The <c>audit</c> object: what the audit's findings are measured against.</summary>
internal static class AuditSection
{
    private const int MaxPort = 65535;

    // A week: a daemon that never asked the package manager again would hide new advisories.
    private const int MaxCacheMinutes = 7 * 24 * 60;

    public static AuditOptions Read(SectionReader top)
    {
        var defaults = AuditOptions.Default;
        var section = top.Section("audit");
        if (section is null)
        {
            return defaults;
        }

        // Read in the order the example file documents them, so errors are listed that way too.
        var options = new AuditOptions(
            section.Integers("allowedTcpPorts", 1, MaxPort) ?? defaults.AllowedTcpPorts,
            section.Integers("allowedUdpPorts", 1, MaxPort) ?? defaults.AllowedUdpPorts,
            Validate.AccountNames(section, "accounts", defaults.Accounts),
            section.Integer("updateCheckTimeoutSeconds", 1, 3600) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.UpdateCheckTimeout,
            section.Integer("updateCacheMinutes", 0, MaxCacheMinutes) is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.UpdateCacheTime,
            Validate.UnitName(section, "agentUnit", defaults.AgentUnit));
        section.RejectUnknownKeys();
        return options;
    }
}
