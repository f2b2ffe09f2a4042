namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// One option file as a chain sees it: <paramref name="Path"/> is the real file (symlinks
/// followed), <paramref name="OriginalText"/> what was read (<c>null</c>: absent), and
/// <paramref name="Document"/> the current model, edited or not (<c>null</c>: absent and not created).
/// </summary>
public sealed record OptionFileState(string Path, string? OriginalText, OptionFileDocument? Document)
{
    /// <summary>True when the model would write something other than what was read.</summary>
    public bool IsChanged => Document is not null && Document.Render() != OriginalText;
}
