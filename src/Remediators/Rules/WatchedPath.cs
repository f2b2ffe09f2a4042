namespace CloudSharkHardening.Remediators.Rules;

/// <summary>An appliance path a rule depends on, and how much of it the daemon must watch.</summary>
public sealed record WatchedPath(string Path, WatchScope Scope);
