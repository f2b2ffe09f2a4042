namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// A configuration file read as text. <paramref name="Path"/> is the file actually read
/// (symlinks followed inside the root), the one an edit must replace.
/// </summary>
public sealed record TextFile(string Path, string Text);
