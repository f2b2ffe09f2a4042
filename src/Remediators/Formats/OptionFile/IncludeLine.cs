namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// <c>!include FILE</c> or <c>!includedir DIR</c>. <paramref name="Target"/> is the rest of
/// the line, trimmed; the server strips no quotes or comments from it, and neither do we.
/// </summary>
public sealed record IncludeLine(string Text, bool IsDirectory, string Target) : OptionFileLine(Text);
