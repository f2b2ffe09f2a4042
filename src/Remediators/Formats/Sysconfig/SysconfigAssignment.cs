using System.Buffers;

namespace CloudSharkHardening.Remediators.Formats.Sysconfig;

/// <summary>
/// <c>KEY=value</c> split into the parts an edit keeps and the value it replaces:
/// <see cref="Lead"/> (indentation, key, spacing, <c>=</c>, spacing), the value as written
/// between its quotes, and <see cref="Trail"/> (blanks after it). <see cref="Problem"/> says
/// why the value cannot be read or rewritten safely; <c>null</c> when it can.
/// </summary>
public sealed record SysconfigAssignment(
    string Key,
    string Lead,
    SysconfigQuote Quote,
    string RawValue,
    string Trail,
    string Newline,
    string? Problem)
{
    private const string Blanks = " \t";

    /// <summary>Characters a value written by <see cref="WithValue"/> must not contain.</summary>
    private static readonly SearchValues<char> Unwritable = SearchValues.Create("\n\\\"'$`");

    /// <summary>The variable an <c>export KEY=</c> line meant to set (systemd sets none), else <c>null</c>.</summary>
    public string? ExportedKey =>
        Key.StartsWith("export", StringComparison.Ordinal) && Key.Length > 6 && Blanks.Contains(Key[6], StringComparison.Ordinal)
            ? Key[6..].TrimStart(Blanks.ToCharArray())
            : null;

    /// <summary>The entry's text with <paramref name="value"/> as its value, quoting kept.</summary>
    /// <remarks>An unquoted value that gains blanks gets double quotes, as systemd needs.</remarks>
    public string WithValue(string value)
    {
        if (Problem is not null)
        {
            throw new InvalidOperationException($"{Key}'s value cannot be rewritten: it {Problem}");
        }

        var quote = Quote == SysconfigQuote.None && value.AsSpan().IndexOfAny(Blanks) >= 0 ? SysconfigQuote.DoubleQuotes : Quote;
        return Write(Lead, quote, value, Trail + Newline);
    }

    /// <summary><paramref name="lead"/>, the quoted value, <paramref name="end"/>; refuses values that would need escaping.</summary>
    internal static string Write(string lead, SysconfigQuote quote, string value, string end)
    {
        if (value.AsSpan().IndexOfAny(Unwritable) >= 0)
        {
            throw new ArgumentException($"'{value}' needs quoting or escaping this model does not write", nameof(value));
        }

        var mark = quote switch
        {
            SysconfigQuote.SingleQuotes => "'",
            SysconfigQuote.DoubleQuotes => "\"",
            _ => "",
        };
        return lead + mark + value + mark + end;
    }

    /// <summary>Splits one assignment entry (text up to its newline, which may be absent).</summary>
    internal static SysconfigAssignment Parse(string text, bool openAtEndOfFile)
    {
        var newline = text.EndsWith('\n') ? "\n" : "";
        var body = text[..^newline.Length];
        // systemd takes the first non-blank character into the key even when it is '='.
        var keyStart = body.Length - body.TrimStart(Blanks.ToCharArray()).Length;
        var equals = body.IndexOf('=', keyStart + 1);
        var key = body[..equals].Trim(Blanks.ToCharArray());
        var afterEquals = body[(equals + 1)..];
        var valueStart = equals + 1 + (afterEquals.Length - afterEquals.TrimStart(Blanks.ToCharArray()).Length);
        var lead = body[..valueStart];
        var rest = body[valueStart..];

        if (openAtEndOfFile || body.Contains('\n', StringComparison.Ordinal))
        {
            var firstLine = body.Split('\n')[0];
            var problem = firstLine.EndsWith('\\')
                ? "continues onto the next line with a backslash"
                : "has an unbalanced quote (a quoted value left open runs on over the following lines)";
            return new SysconfigAssignment(key, lead, SysconfigQuote.None, rest, "", newline, problem);
        }

        return rest.Length > 0 && rest[0] is '"' or '\''
            ? Quoted(key, lead, rest, newline)
            : Unquoted(key, lead, rest, newline);
    }

    private static SysconfigAssignment Quoted(string key, string lead, string rest, string newline)
    {
        var quote = rest[0] == '"' ? SysconfigQuote.DoubleQuotes : SysconfigQuote.SingleQuotes;
        var close = ClosingQuote(rest);
        if (close < 0)
        {
            return new SysconfigAssignment(key, lead, quote, rest, "", newline, "has an unbalanced quote");
        }

        var raw = rest[1..close];
        var trail = rest[(close + 1)..];
        var problem = trail.Trim(Blanks.ToCharArray()).Length > 0
            ? "has text after the closing quote, which systemd joins to the value"
            : ValueProblem(raw);
        return new SysconfigAssignment(key, lead, quote, raw, trail, newline, problem);
    }

    /// <summary>Where the quote opened at 0 closes: in double quotes a backslash escapes the next character.</summary>
    private static int ClosingQuote(string rest)
    {
        for (var index = 1; index < rest.Length; index++)
        {
            if (rest[index] == '\\' && rest[0] == '"')
            {
                index++;
            }
            else if (rest[index] == rest[0])
            {
                return index;
            }
        }

        return -1;
    }

    private static SysconfigAssignment Unquoted(string key, string lead, string rest, string newline)
    {
        var raw = rest.TrimEnd(Blanks.ToCharArray());
        var problem = raw.AsSpan().IndexOfAny("\"'") >= 0
            ? "has quote characters inside an unquoted value, which systemd keeps as part of it"
            : ValueProblem(raw);
        return new SysconfigAssignment(key, lead, SysconfigQuote.None, raw, rest[raw.Length..], newline, problem);
    }

    private static string? ValueProblem(string raw) =>
        raw.Contains('\\', StringComparison.Ordinal)
            ? "contains a backslash escape"
            : raw.AsSpan().IndexOfAny("$`") >= 0
                ? "contains '$' or '`', which systemd takes literally but a shell reading the file would expand"
                : null;
}
