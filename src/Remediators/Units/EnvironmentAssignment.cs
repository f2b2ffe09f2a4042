namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// One variable assignment, after systemd's own quoting rules: from an <c>Environment=</c>
/// line, or from a line of an environment file.
/// </summary>
public sealed record EnvironmentAssignment(string Name, string Value, SettingSource Source);
