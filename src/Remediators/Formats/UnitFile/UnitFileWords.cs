namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// Space-separated word lists in unit-file values (<c>RequiresMountsFor=</c> and friends),
/// split and quoted the way systemd's <c>extract_first_word(..., EXTRACT_UNQUOTE)</c> reads them.
/// </summary>
public static class UnitFileWords
{
    /// <summary>
    /// The words of <paramref name="value"/>, quotes removed and backslash escapes applied.
    /// Syntax systemd rejects (an unbalanced quote, a trailing backslash) ends the list there,
    /// as systemd ignores the rest of the value.
    /// </summary>
    public static IReadOnlyList<string> Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var words = new List<string>();
        var reader = new UnitFileWordReader(value);
        while (reader.Read(UnitFileWordSyntax.Unquote, out var word) == UnitFileWordStep.Word)
        {
            words.Add(word);
        }

        return words;
    }

    /// <summary><paramref name="word"/> as one word of a value: quoted only when it has to be.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && !word.Any(c => IsSeparator(c) || c is '"' or '\'' or '\\'))
        {
            return word;
        }

        return "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static bool IsSeparator(char c) => UnitFileWordReader.IsSeparator(c);
}
