using CloudSharkHardening.Remediators;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>A rule's mode and its validated options.</summary>
public sealed record RuleSetting<TOptions>(RuleMode Mode, TOptions Options);
