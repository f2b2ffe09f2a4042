using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// A file in iptables-save format: what <c>iptables-save</c> prints and what
/// <c>/etc/sysconfig/iptables</c> or <c>/etc/iptables/rules.v4</c> hold. Lines keep their exact
/// text; rendering an unchanged file gives back its bytes, a missing final newline included.
/// </summary>
public sealed class IptablesSaveFile
{
    private IptablesSaveFile(ImmutableArray<IptablesSaveLine> lines, bool endsWithNewline)
    {
        Lines = lines;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>The lines in file order, without their newlines.</summary>
    public ImmutableArray<IptablesSaveLine> Lines { get; }

    /// <summary>Whether the last line ends with a newline.</summary>
    public bool EndsWithNewline { get; }

    /// <summary>
    /// The first rule whose quoted argument is still open at the end of its line, or null. Only
    /// a line break inside the argument (which iptables-save prints as it is) does that, and
    /// then the lines after it are the argument's text, whatever rules they look like.
    /// </summary>
    public IptablesSaveLine? QuoteAcrossLines => Lines.FirstOrDefault(line => line.Rule is { EndsInsideQuotes: true });

    /// <summary>Reads any text; every line keeps its exact bytes and learns which table it is in.</summary>
    public static IptablesSaveFile Parse(string text)
    {
        var (texts, endsWithNewline) = TextLines.Split(text);
        var lines = ImmutableArray.CreateBuilder<IptablesSaveLine>();
        string? table = null;
        foreach (var raw in texts)
        {
            var line = IptablesSaveLine.Parse(raw, table);
            lines.Add(line);
            table = line.Kind switch
            {
                IptablesSaveLineKind.Table => line.Table,
                IptablesSaveLineKind.Commit => null,
                _ => table,
            };
        }

        return new IptablesSaveFile(lines.ToImmutable(), endsWithNewline);
    }

    /// <summary>A file of these lines; a non-empty one ends with a newline, as iptables-save writes.</summary>
    public static IptablesSaveFile Of(IEnumerable<IptablesSaveLine> lines)
    {
        var all = lines.ToImmutableArray();
        return new IptablesSaveFile(all, endsWithNewline: !all.IsEmpty);
    }

    /// <summary>The file's text: byte for byte the parsed input where nothing was edited.</summary>
    public string Render() => TextLines.Join(Lines.Select(line => line.Text), EndsWithNewline);

    /// <summary>The same file with its lines replaced, keeping whether it ends with a newline.</summary>
    public IptablesSaveFile WithLines(IEnumerable<IptablesSaveLine> lines)
    {
        var all = lines.ToImmutableArray();
        return new IptablesSaveFile(all, EndsWithNewline || (Lines.IsEmpty && !all.IsEmpty));
    }
}
