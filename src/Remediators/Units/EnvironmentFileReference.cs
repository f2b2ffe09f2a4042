namespace CloudSharkHardening.Remediators.Units;

/// <summary>One <c>EnvironmentFile=</c> entry; <paramref name="Optional"/> is the <c>-</c> prefix (a missing file is skipped).</summary>
public sealed record EnvironmentFileReference(string Path, bool Optional, SettingSource Source);
