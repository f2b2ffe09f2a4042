using System.Text;

namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// Groups physical lines into logical ones the way systemd's configuration parser does
/// (systemd.syntax(7)): comment lines are dropped even inside a continuation, a line ending
/// in an unescaped backslash is joined to the next with the backslash turned into a space,
/// and keys and values are trimmed of blanks.
/// </summary>
internal static class UnitFileStatementReader
{
    private static readonly char[] Blanks = [' ', '\t'];

    public static IReadOnlyList<UnitFileStatement> Read(IReadOnlyList<UnitFileLine> lines)
    {
        var statements = new List<UnitFileStatement>();
        var logical = new StringBuilder();
        string? section = null;
        int? continuedFrom = null;
        for (var index = 0; index < lines.Count; index++)
        {
            var text = lines[index].Text;
            if (IsComment(text))
            {
                if (continuedFrom is null)
                {
                    statements.Add(new(UnitFileStatementKind.Comment, index, index, section, "", ""));
                }

                continue;
            }

            continuedFrom ??= index;
            logical.Append(text);
            if (EndsWithEscapingBackslash(text))
            {
                logical[^1] = ' ';
                continue;
            }

            statements.Add(Classify(logical.ToString(), continuedFrom.Value, index, ref section));
            logical.Clear();
            continuedFrom = null;
        }

        if (continuedFrom is { } first)
        {
            // systemd still reads a continuation cut off by the end of the file.
            statements.Add(Classify(logical.ToString(), first, lines.Count - 1, ref section) with { IsUnterminated = true });
        }

        return statements;
    }

    private static UnitFileStatement Classify(string logical, int first, int last, ref string? section)
    {
        var text = logical.Trim(Blanks);
        if (text.Length == 0)
        {
            return new(UnitFileStatementKind.Blank, first, last, section, "", "");
        }

        if (text[0] == '[')
        {
            if (text[^1] != ']')
            {
                return new(UnitFileStatementKind.InvalidSectionHeader, first, last, section, "", "");
            }

            section = text[1..^1];
            return new(UnitFileStatementKind.SectionHeader, first, last, section, "", "");
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? new(UnitFileStatementKind.Other, first, last, section, "", "")
            : new(UnitFileStatementKind.Assignment, first, last, section, text[..equals].Trim(Blanks), text[(equals + 1)..].Trim(Blanks));
    }

    private static bool IsComment(string text)
    {
        var start = text.TrimStart(Blanks);
        return start.Length > 0 && start[0] is '#' or ';';
    }

    // "\\" at the end is an escaped backslash, not a continuation: count the run.
    private static bool EndsWithEscapingBackslash(string text)
    {
        var run = 0;
        for (var i = text.Length - 1; i >= 0 && text[i] == '\\'; i--)
        {
            run++;
        }

        return run % 2 == 1;
    }
}
