namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Where a setting came from: the file systemd read it from (symlinks followed inside the
/// root, so the file a person would edit) and its 1-based line; for a setting continued over
/// several lines, its first line.
/// </summary>
public sealed record SettingSource(string Path, int Line)
{
    /// <summary><c>/etc/x.conf:4</c>.</summary>
    public override string ToString() => $"{Path}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
