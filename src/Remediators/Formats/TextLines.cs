namespace CloudSharkHardening.Remediators.Formats;

/// <summary>
/// Text as lines without their newlines, remembering whether the last one ended with a
/// newline: what a line-based format model needs to give its input back byte for byte.
/// </summary>
internal static class TextLines
{
    /// <summary>The lines of <paramref name="text"/> (none for empty text), and whether it ends with a newline.</summary>
    public static (string[] Lines, bool EndsWithNewline) Split(string text)
    {
        if (text.Length == 0)
        {
            return ([], false);
        }

        var endsWithNewline = text.EndsWith('\n');
        return ((endsWithNewline ? text[..^1] : text).Split('\n'), endsWithNewline);
    }

    /// <summary>The inverse of <see cref="Split"/>.</summary>
    public static string Join(IEnumerable<string> lines, bool endsWithNewline) =>
        string.Join('\n', lines) + (endsWithNewline ? "\n" : "");
}
