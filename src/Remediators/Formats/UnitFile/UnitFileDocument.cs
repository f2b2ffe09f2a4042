using System.Text;

namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// A systemd unit file or drop-in as physical lines that remember their text, with the
/// logical statements systemd would read from them. Rendering an unchanged document gives
/// the input back byte for byte; edits only insert whole lines, so nothing else moves.
/// </summary>
public sealed class UnitFileDocument
{
    private UnitFileDocument(IReadOnlyList<UnitFileLine> lines)
    {
        Lines = lines;
        Statements = UnitFileStatementReader.Read(lines);
    }

    /// <summary>The physical lines in file order.</summary>
    public IReadOnlyList<UnitFileLine> Lines { get; }

    /// <summary>The logical lines in file order, continuations joined.</summary>
    public IReadOnlyList<UnitFileStatement> Statements { get; }

    /// <summary>Splits text into lines; never fails, whatever the content.</summary>
    public static UnitFileDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<UnitFileLine>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(new UnitFileLine(text[start..], EndsWithNewline: false));
                break;
            }

            lines.Add(new UnitFileLine(text[start..newline], EndsWithNewline: true));
            start = newline + 1;
        }

        return new UnitFileDocument(lines);
    }

    /// <summary>The document's text.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            text.Append(line.Render());
        }

        return text.ToString();
    }

    /// <summary>Every assignment of <paramref name="key"/> in every section named <paramref name="section"/>, in file order.</summary>
    public IEnumerable<UnitFileStatement> Assignments(string section, string key) =>
        Statements.Where(s => s.Kind == UnitFileStatementKind.Assignment && s.Section == section && s.Key == key);

    /// <summary>
    /// A copy with <paramref name="texts"/> inserted as whole lines before physical line
    /// <paramref name="index"/> (<see cref="Lines"/>.Count appends). A file that had no final
    /// newline still has none afterwards.
    /// </summary>
    public UnitFileDocument InsertLines(int index, IReadOnlyList<string> texts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Lines.Count);
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Any(text => text.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("an inserted line cannot contain a newline", nameof(texts));
        }

        var lines = Lines.ToList();
        var inserted = texts.Select(text => new UnitFileLine(text, EndsWithNewline: true)).ToList();
        if (index == lines.Count && index > 0 && !lines[^1].EndsWithNewline && inserted.Count > 0)
        {
            lines[^1] = lines[^1] with { EndsWithNewline = true };
            inserted[^1] = inserted[^1] with { EndsWithNewline = false };
        }

        lines.InsertRange(index, inserted);
        return new UnitFileDocument(lines);
    }
}
