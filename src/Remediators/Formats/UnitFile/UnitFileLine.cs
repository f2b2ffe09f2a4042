namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// One physical line of a unit file exactly as read: its text without the newline, and
/// whether a newline ended it (only the last line of a file may lack one).
/// </summary>
public sealed record UnitFileLine(string Text, bool EndsWithNewline)
{
    /// <summary>The line's original bytes as text.</summary>
    public string Render() => EndsWithNewline ? Text + "\n" : Text;
}
