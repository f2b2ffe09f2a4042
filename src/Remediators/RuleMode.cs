namespace CloudSharkHardening.Remediators;

/// <summary>What the engine does with a rule's drift.</summary>
public enum RuleMode
{
    /// <summary>Check and repair.</summary>
    Enforce,

    /// <summary>Check and report; never change anything.</summary>
    Audit,

    /// <summary>Not run at all.</summary>
    Off,
}
