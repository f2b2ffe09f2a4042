namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>What one logical line of a unit file is, as systemd reads it.</summary>
public enum UnitFileStatementKind
{
    /// <summary>Empty or whitespace only.</summary>
    Blank,

    /// <summary>A line whose first non-blank character is <c>#</c> or <c>;</c>.</summary>
    Comment,

    /// <summary><c>[Name]</c>.</summary>
    SectionHeader,

    /// <summary>Starts with <c>[</c> but does not end with <c>]</c>: systemd rejects the whole file.</summary>
    InvalidSectionHeader,

    /// <summary><c>Key=Value</c>, whitespace around the <c>=</c> allowed.</summary>
    Assignment,

    /// <summary>Any other text (no <c>=</c>, no key); systemd warns and ignores it.</summary>
    Other,
}

/// <summary>
/// One logical line: physical lines <see cref="FirstLine"/> to <see cref="LastLine"/> (indexes
/// into <see cref="UnitFileDocument.Lines"/>) joined where a trailing backslash continues a
/// line. Comment lines inside a continuation belong to its range but not to its text.
/// </summary>
/// <param name="Kind">What the line is.</param>
/// <param name="FirstLine">Index of its first physical line.</param>
/// <param name="LastLine">Index of its last physical line.</param>
/// <param name="Section">The section it belongs to (a header: its own name); <c>null</c> before the first header.</param>
/// <param name="Key">An assignment's key, trimmed; empty otherwise.</param>
/// <param name="Value">An assignment's value, trimmed, continuations joined; empty otherwise.</param>
public sealed record UnitFileStatement(
    UnitFileStatementKind Kind,
    int FirstLine,
    int LastLine,
    string? Section,
    string Key,
    string Value)
{
    /// <summary>Spread over more than one physical line by a trailing backslash.</summary>
    public bool IsContinued => LastLine > FirstLine;

    /// <summary>
    /// Its last physical line still ends with a backslash at the end of the file, so any line
    /// appended after it would be joined onto it.
    /// </summary>
    public bool IsUnterminated { get; init; }

    /// <summary>Counts for systemd: an assignment, a header, or ignored-with-a-warning text.</summary>
    public bool IsContent => Kind is not (UnitFileStatementKind.Blank or UnitFileStatementKind.Comment);
}
