using System.Text;

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
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (++i == value.Length)
                {
                    return words;
                }

                word.Append(value[i]);
                inWord = true;
            }
            else if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (IsSeparator(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is null && inWord)
        {
            words.Add(word.ToString());
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

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\n' or '\r';
}
