using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>The <c>rules.firewall</c> section.</summary>
internal static partial class RuleSections
{
    private static RuleSetting<FirewallOptions> Firewall(SectionReader? section, Platform platform)
    {
        var defaults = FirewallOptions.For(platform);
        if (section is null)
        {
            return new(RuleMode.Enforce, defaults);
        }

        var backend = section.String("backend") switch
        {
            null or "auto" => FirewallBackendChoice.Auto,
            "iptables" => FirewallBackendChoice.Iptables,
            var other => Invalid(section, "backend", $"'{other}' is not one of auto (stand aside while firewalld runs), iptables", defaults.Backend),
        };
        var options = new FirewallOptions(
            backend,
            Validate.SourceRanges(section, "sourceRanges", defaults.SourceRanges),
            Validate.Ports(section, "publicPorts", defaults.PublicPorts),
            Validate.Ports(section, "localOnlyPorts", defaults.LocalOnlyPorts),
            Validate.Path(section, "savedRulesV4", defaults.SavedRulesV4),
            Validate.Path(section, "savedRulesV6", defaults.SavedRulesV6));
        foreach (var port in options.PublicPorts.Intersect(options.LocalOnlyPorts))
        {
            section.Error("localOnlyPorts", $"{port} is also in publicPorts; a port is either reachable from the source ranges or local only");
        }

        return Finish(section, options);
    }
}
