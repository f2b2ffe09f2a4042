using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// A MariaDB option file as a list of lines that remember their text. Rendering an
/// unchanged document gives back the input byte for byte, including a missing final
/// newline; edits replace or insert whole lines and leave every other line alone.
/// </summary>
public sealed class OptionFileDocument
{
    private readonly ImmutableArray<string?> _groups;

    private OptionFileDocument(string path, ImmutableArray<OptionFileLine> lines, ImmutableArray<string?> groups, bool endsWithNewline)
    {
        Path = path;
        Lines = lines;
        _groups = groups;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>The file the document was read from (symlinks followed): the one to write.</summary>
    public string Path { get; }

    /// <summary>The lines in file order, without their newlines.</summary>
    public ImmutableArray<OptionFileLine> Lines { get; }

    /// <summary>Whether the last line had a newline; kept so an unchanged file renders identically.</summary>
    public bool EndsWithNewline { get; }

    /// <summary>
    /// Parses option-file text. Refuses what the server itself refuses (an option before any
    /// group, a header without ']', an include naming nothing): we cannot say what such a file means.
    /// </summary>
    public static OptionFileDocument Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = text.Length == 0 ? [] : text.Split('\n');
        var endsWithNewline = pieces.Length > 0 && pieces[^1].Length == 0;
        var count = endsWithNewline ? pieces.Length - 1 : pieces.Length;
        var lines = ImmutableArray.CreateBuilder<OptionFileLine>(count);
        var groups = ImmutableArray.CreateBuilder<string?>(count);
        string? group = null;
        for (var i = 0; i < count; i++)
        {
            var line = OptionLineParser.Parse(pieces[i], path, i);
            if (line is GroupHeaderLine header)
            {
                group = header.Group;
            }
            else if (line is OptionLine && group is null)
            {
                throw new UnsupportedFileException(path, $"line {i + 1} '{pieces[i]}' sets an option before any [group], which the server refuses");
            }

            lines.Add(line);
            groups.Add(group);
        }

        return new OptionFileDocument(path, lines.MoveToImmutable(), groups.MoveToImmutable(), endsWithNewline);
    }

    /// <summary>The group an option on line <paramref name="index"/> belongs to; <c>null</c> before the first header.</summary>
    public string? GroupAt(int index) => _groups[index];

    /// <summary>The file's text: every line's original text, newlines as read.</summary>
    public string Render()
    {
        var body = string.Join('\n', Lines.Select(line => line.Text));
        return EndsWithNewline ? body + "\n" : body;
    }

    /// <summary>The document with line <paramref name="index"/> replaced by <paramref name="text"/>.</summary>
    public OptionFileDocument ReplaceLine(int index, string text) =>
        Rebuild(Texts().SetItem(index, text), EndsWithNewline);

    /// <summary>
    /// The document with <paramref name="texts"/> inserted before line <paramref name="index"/>.
    /// Lines added at the end end with a newline, as every line before them now does.
    /// </summary>
    public OptionFileDocument InsertLines(int index, IEnumerable<string> texts) =>
        Rebuild(Texts().InsertRange(index, texts), EndsWithNewline || index == Lines.Length);

    private ImmutableList<string> Texts() => Lines.Select(line => line.Text).ToImmutableList();

    private OptionFileDocument Rebuild(ImmutableList<string> texts, bool endsWithNewline)
    {
        var body = string.Join('\n', texts);
        return Parse(Path, endsWithNewline && texts.Count > 0 ? body + "\n" : body);
    }
}
