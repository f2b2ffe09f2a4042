using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>A rule as the configuration switched it: enforce, audit or off.</summary>
public sealed record ConfiguredRule(IRule Rule, RuleMode Mode);
