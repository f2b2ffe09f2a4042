using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Formats.MemcachedConf;

/// <summary>
/// Debian's <c>/etc/memcached.conf</c>: one memcached option per line, <c>#</c> comments,
/// blank lines and directives such as <c>logfile</c>. Lines keep their exact text; rendering
/// an unchanged file gives back its bytes, a missing final newline included.
/// </summary>
public sealed class MemcachedConfFile
{
    private MemcachedConfFile(ImmutableArray<MemcachedConfLine> lines, bool endsWithNewline)
    {
        Lines = lines;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>The lines in file order, without their newlines.</summary>
    public ImmutableArray<MemcachedConfLine> Lines { get; }

    /// <summary>Whether the last line ends with a newline.</summary>
    public bool EndsWithNewline { get; }

    /// <summary>Reads any text; every line keeps its exact bytes.</summary>
    public static MemcachedConfFile Parse(string text)
    {
        var (lines, endsWithNewline) = TextLines.Split(text);
        return new MemcachedConfFile([.. lines.Select(MemcachedConfLine.Parse)], endsWithNewline);
    }

    /// <summary>The file's text: byte for byte the parsed input where nothing was edited.</summary>
    public string Render() => TextLines.Join(Lines.Select(line => line.Text), EndsWithNewline);

    /// <summary>Every memcached argument word with the index of the line it is on, in order.</summary>
    public IEnumerable<(int Line, string Word)> ArgumentWords() =>
        Lines.SelectMany((line, index) => line.IsPassedToMemcached ? line.Words.Select(word => (index, word)) : []);

    /// <summary>The file with the text of line <paramref name="index"/> replaced.</summary>
    public MemcachedConfFile WithLine(int index, string text)
    {
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("a line cannot contain a newline", nameof(text));
        }

        return new MemcachedConfFile(Lines.SetItem(index, MemcachedConfLine.Parse(text)), EndsWithNewline);
    }

    /// <summary>The file with <paramref name="texts"/> added as last lines; it then ends with a newline.</summary>
    public MemcachedConfFile Append(IEnumerable<string> texts)
    {
        var added = texts.Select(MemcachedConfLine.Parse).ToList();
        return added.Count == 0 ? this : new MemcachedConfFile(Lines.AddRange(added), endsWithNewline: true);
    }
}
