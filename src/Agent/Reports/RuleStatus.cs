namespace CloudSharkHardening.Agent.Reports;

public enum RuleStatus
{
    /// <summary>The rule held; nothing was changed.</summary>
    Compliant,

    /// <summary>Drift was found and repaired in this pass.</summary>
    Changed,

    /// <summary>Drift was found and left alone (<c>--check</c>, or the rule is in audit mode).</summary>
    Drift,

    /// <summary>The rule could not be checked, applied or verified.</summary>
    Failed,

    /// <summary>Drift keeps coming back after repair; the daemon checks it but pauses repairs for a while.</summary>
    Contested,

    /// <summary>Switched off in the configuration.</summary>
    Off,

    /// <summary>The rule does not apply to this host (another tool owns what it manages); its note says why.</summary>
    NotApplicable,
}
