namespace CloudSharkHardening.Remediators.Units;

/// <summary>A variable of the environment systemd builds for a unit's commands, with the line that set it.</summary>
public sealed record EffectiveVariable(string Name, string Value, SettingSource Source, WordOrigin Origin);
