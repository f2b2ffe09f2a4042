using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// Text from the system (process names, paths, file content, unit names, journal lines,
/// firewall comments) made safe for a person's terminal: nothing in it can move the cursor,
/// clear the screen, start a line that looks like the agent's own, or reorder what is shown.
/// C0 controls and DEL become <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\x1b</c>; C1 controls,
/// the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
/// the Unicode line and paragraph separators become <c>\u202e</c>. A backslash becomes
/// <c>\\</c>, so an escape read in a report always stands for the character it names: a
/// process called <c>a\x1b</c> (four printable characters) shows as <c>a\\x1b</c>, never like
/// one with an ESC in its name. JSON output keeps its own escaping instead.
/// </summary>
public static class TerminalText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                case '\t':
                    escaped.Append(@"\t");
                    break;
                case < ' ' or '\x7f':
                    escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    break;
                case var other when NeedsEscape(other):
                    escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)other:x4}");
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Appends <paramref name="text"/> with every value in its holes escaped; its literal parts are the agent's own and stay as they are.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, [InterpolatedStringHandlerArgument(nameof(builder))] ref EscapingInterpolationHandler text) => builder;

    private static bool NeedsEscape(char c) => c switch
    {
        '\\' or < ' ' or (>= '\x7f' and <= '\u009f') => true,
        (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') => true,
        '\u2028' or '\u2029' => true,
        _ => false,
    };
}
