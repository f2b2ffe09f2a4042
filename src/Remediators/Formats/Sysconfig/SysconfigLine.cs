namespace CloudSharkHardening.Remediators.Formats.Sysconfig;

/// <summary>
/// One entry of an environment file with its exact text, newline included. An assignment
/// that continues (backslash, or a quote left open) spans several physical lines and is one
/// entry, as systemd reads it.
/// </summary>
/// <param name="Number">The 1-based number of its first physical line.</param>
/// <param name="Text">The entry's text, byte for byte.</param>
/// <param name="Kind">What systemd makes of it.</param>
/// <param name="Assignment">The parsed assignment, for <see cref="SysconfigLineKind.Assignment"/>.</param>
/// <param name="OpenAtEndOfFile">
/// The file ends inside this entry's value (an open quote or a backslash continuation): a line
/// added after it would become part of the value.
/// </param>
public sealed record SysconfigLine(int Number, string Text, SysconfigLineKind Kind, SysconfigAssignment? Assignment, bool OpenAtEndOfFile)
{
    /// <summary>
    /// Whether systemd may read the following line as part of this one: a value left open at
    /// the end of the file, or a comment ending in a backslash, which systemd before 254
    /// (EL 8 and 9) continues onto the next line.
    /// </summary>
    public bool SwallowsNextLine =>
        OpenAtEndOfFile || (Kind == SysconfigLineKind.Comment && Text.TrimEnd('\n').EndsWith('\\'));
}
