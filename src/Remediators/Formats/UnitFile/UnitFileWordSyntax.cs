namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// The flags systemd passes to <c>extract_first_word()</c> for a setting: which quoting and
/// escapes a value's words are read with.
/// </summary>
[Flags]
public enum UnitFileWordSyntax
{
    /// <summary>Backslash takes the next character literally; quotes are ordinary characters.</summary>
    None = 0,

    /// <summary><c>EXTRACT_UNQUOTE</c>: single and double quotes group text and are removed.</summary>
    Unquote = 1,

    /// <summary><c>EXTRACT_CUNESCAPE</c>: C escapes (<c>\n</c>, <c>\x41</c>, <c>\u00e9</c>, <c>\s</c> ...) are decoded; any other escape is invalid.</summary>
    CEscapes = 2,

    /// <summary><c>EXTRACT_RELAX</c>: an unbalanced quote or a trailing backslash ends the word instead of making the value invalid.</summary>
    Relax = 4,

    /// <summary><c>EXTRACT_UNESCAPE_RELAX</c>: an escape <see cref="CEscapes"/> does not know is kept verbatim, backslash included.</summary>
    KeepUnknownEscapes = 8,
}
