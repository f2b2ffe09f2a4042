namespace CloudSharkHardening.Agent.Reports;

/// <summary>One planned or applied change; <see cref="Diff"/> is a unified diff for file edits.</summary>
public sealed record ChangeReport(string Kind, string Path, string Description, string? Diff);
