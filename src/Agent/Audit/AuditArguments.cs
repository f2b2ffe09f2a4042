using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>What a person asked of <c>cloudshark-hardening audit</c>.</summary>
public sealed record AuditArguments(bool Json, Severity FailOn, string? ConfigPath, string? Root, bool Verbose);
