using System.Text;

namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// Reads the words of a unit-file value one at a time, as systemd's
/// <c>extract_first_word()</c> does with whitespace separators: a quote may open anywhere in a
/// word, a backslash escapes the next character even inside quotes, and separators after a
/// word are skipped, so <see cref="Position"/> then stands on the next word. Callers that
/// look between words (<c>ExecStart=</c>'s <c>;</c>) read <see cref="Remaining"/>.
/// </summary>
public sealed class UnitFileWordReader(string text)
{
    private readonly string _text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>Where the next read starts.</summary>
    public int Position { get; private set; }

    /// <summary>The text not read yet.</summary>
    public string Remaining => _text[Position..];

    /// <summary>True once only separators remain.</summary>
    public bool AtEnd => _text.AsSpan(Position).TrimStart(" \t\n\r").IsEmpty;

    /// <summary>Moves past <paramref name="count"/> characters and the separators after them.</summary>
    public void Skip(int count)
    {
        Position = SkipSeparators(Math.Min(_text.Length, Position + count));
    }

    /// <summary>
    /// Reads the next word with <paramref name="syntax"/>. On <see cref="UnitFileWordStep.Invalid"/>
    /// the position is left where it was, so the caller may read again with other flags, as
    /// systemd's <c>extract_first_word_and_warn()</c> does.
    /// </summary>
    public UnitFileWordStep Read(UnitFileWordSyntax syntax, out string word)
    {
        word = "";
        var index = SkipSeparators(Position);
        if (index == _text.Length)
        {
            Position = index;
            return UnitFileWordStep.End;
        }

        var built = new StringBuilder();
        char? quote = null;
        while (true)
        {
            if (index == _text.Length)
            {
                if (quote is not null && !syntax.HasFlag(UnitFileWordSyntax.Relax))
                {
                    return UnitFileWordStep.Invalid;
                }

                break;
            }

            var c = _text[index];
            if (c == '\\')
            {
                if (++index == _text.Length)
                {
                    if (syntax.HasFlag(UnitFileWordSyntax.KeepUnknownEscapes) && (quote is null || syntax.HasFlag(UnitFileWordSyntax.Relax)))
                    {
                        built.Append('\\');
                        break;
                    }

                    if (syntax.HasFlag(UnitFileWordSyntax.Relax))
                    {
                        break;
                    }

                    return UnitFileWordStep.Invalid;
                }

                if (!syntax.HasFlag(UnitFileWordSyntax.CEscapes))
                {
                    built.Append(_text[index++]);
                }
                else if (CEscape.TryDecode(_text, index, out var decoded, out var length))
                {
                    built.Append(decoded);
                    index += length;
                }
                else if (syntax.HasFlag(UnitFileWordSyntax.KeepUnknownEscapes))
                {
                    built.Append('\\').Append(_text[index++]);
                }
                else
                {
                    return UnitFileWordStep.Invalid;
                }
            }
            else if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    built.Append(c);
                }

                index++;
            }
            else if (c is '"' or '\'' && syntax.HasFlag(UnitFileWordSyntax.Unquote))
            {
                quote = c;
                index++;
            }
            else if (IsSeparator(c))
            {
                index = SkipSeparators(index);
                break;
            }
            else
            {
                built.Append(c);
                index++;
            }
        }

        Position = index;
        word = built.ToString();
        return UnitFileWordStep.Word;
    }

    internal static bool IsSeparator(char c) => c is ' ' or '\t' or '\n' or '\r';

    private int SkipSeparators(int index)
    {
        while (index < _text.Length && IsSeparator(_text[index]))
        {
            index++;
        }

        return index;
    }
}
