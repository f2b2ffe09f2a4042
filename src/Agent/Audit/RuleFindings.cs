using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>
/// Each rule's own status as findings, so the audit page and its exit code cover the rules
/// too: drift the agent has not (yet) repaired, and rules that could not be checked.
/// </summary>
public static class RuleFindings
{
    public static IEnumerable<Finding> From(IEnumerable<RuleReport> rules)
    {
        foreach (var rule in rules)
        {
            var evidence = rule.Changes.Select(c => c.Description).Concat(rule.Evidence).ToList();
            if (rule.Status == RuleStatus.Drift)
            {
                var auditMode = rule.Mode == RuleMode.Audit;
                yield return new Finding(
                    $"rule.{rule.Name}.drift",
                    Severity.Medium,
                    auditMode ? $"The {rule.Name} rule finds drift, which audit mode leaves as it is" : $"The {rule.Name} rule finds drift, which the next pass repairs",
                    evidence,
                    auditMode ? $"Repair it by hand, or set rules.{rule.Name}.mode to \"enforce\" and run 'cloudshark-hardening --once'." : "Run 'cloudshark-hardening --once' (the agent's unit does it on its own when enabled).",
                    []);
            }
            else if (rule.Status == RuleStatus.Failed)
            {
                yield return new Finding(
                    $"rule.{rule.Name}.failed",
                    Severity.High,
                    $"The {rule.Name} rule could not be checked, so nothing keeps it",
                    [rule.Error ?? "no reason given", .. evidence],
                    "Fix what the evidence names (the files it names were left untouched), then run 'cloudshark-hardening --once'.",
                    []);
            }
        }
    }
}
