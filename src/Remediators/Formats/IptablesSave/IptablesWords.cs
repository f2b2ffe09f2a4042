using System.Collections.Immutable;
using System.Text;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// The words of one line, split exactly as iptables-restore splits its input: spaces, tabs and
/// newlines separate words; a double quote opens a quoted part in which they do not, and in
/// which a backslash takes the next character literally; the closing quote ends the word.
/// Outside quotes a backslash is an ordinary character. iptables-save writes every argument
/// holding anything but letters, digits, <c>-</c> and <c>_</c> that way
/// (<c>--comment "ssh -j CHAIN"</c>), escaping <c>"</c>, <c>\</c> and <c>'</c> with a backslash.
/// </summary>
/// <param name="Words">The words in order.</param>
/// <param name="EndsInsideQuotes">
/// True when a quote is still open at the end of the line. iptables-save prints an argument
/// holding a line break as it is, so the lines after such a line are the rest of that argument,
/// not rules, however much they look like them.
/// </param>
public sealed record IptablesWords(ImmutableArray<IptablesWord> Words, bool EndsInsideQuotes)
{
    public static IptablesWords Split(string line)
    {
        var words = ImmutableArray.CreateBuilder<IptablesWord>();
        var value = new StringBuilder();
        var (start, inQuotes, quoted, escaped) = (-1, false, false, false);
        for (var index = 0; index < line.Length; index++)
        {
            var c = line[index];
            if (inQuotes)
            {
                if (escaped)
                {
                    value.Append(c);
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                    Flush(index + 1);
                }
                else
                {
                    value.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                start = start < 0 ? index : start;
                (inQuotes, quoted) = (true, true);
            }
            else if (c is ' ' or '\t' or '\n')
            {
                if (start >= 0)
                {
                    Flush(index);
                }
            }
            else
            {
                start = start < 0 ? index : start;
                value.Append(c);
            }
        }

        // Like iptables-restore, an unclosed quote still yields what it holds, if anything.
        if (value.Length > 0)
        {
            Flush(line.Length);
        }

        return new IptablesWords(words.ToImmutable(), inQuotes);

        void Flush(int end)
        {
            words.Add(new IptablesWord(value.ToString(), quoted, start, end));
            value.Clear();
            (start, quoted) = (-1, false);
        }
    }
}
