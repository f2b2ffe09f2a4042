using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Formats.Sysconfig;

/// <summary>
/// A systemd <c>EnvironmentFile=</c> such as <c>/etc/sysconfig/memcached</c>, as entries that
/// keep their exact text: rendering an unchanged file gives back its bytes, and an edit
/// rewrites only the one entry it changes.
/// </summary>
public sealed class SysconfigFile
{
    private SysconfigFile(ImmutableArray<SysconfigLine> lines)
    {
        Lines = lines;
    }

    /// <summary>The entries in file order; their texts concatenated are the file.</summary>
    public ImmutableArray<SysconfigLine> Lines { get; }

    /// <summary>Reads any text; oddities are kept and flagged, never rejected.</summary>
    public static SysconfigFile Parse(string text) => new([.. SysconfigScanner.Scan(text)]);

    /// <summary>The file's text: byte for byte the parsed input where nothing was edited.</summary>
    public string Render() => string.Concat(Lines.Select(line => line.Text));

    /// <summary>The assignment systemd keeps for <paramref name="key"/>: the last one; <c>null</c> if none.</summary>
    public SysconfigLine? LastAssignment(string key) =>
        Lines.LastOrDefault(line => line.Assignment?.Key == key);

    /// <summary>The entry just before <paramref name="line"/>, or <c>null</c> when it is the first.</summary>
    public SysconfigLine? Before(SysconfigLine line)
    {
        var index = Lines.IndexOf(line);
        return index > 0 ? Lines[index - 1] : null;
    }

    /// <summary>The file with <paramref name="line"/>'s value replaced; every other entry untouched.</summary>
    public SysconfigFile WithValue(SysconfigLine line, string value)
    {
        var index = Lines.IndexOf(line);
        if (index < 0 || line.Assignment is null)
        {
            throw new ArgumentException("not an assignment of this file", nameof(line));
        }

        return Parse(string.Concat(Lines.Select((other, i) => i == index ? line.Assignment.WithValue(value) : other.Text)));
    }

    /// <summary>The file with <c>KEY="value"</c> added as a last line (after a newline, if it lacked one).</summary>
    public SysconfigFile Append(string key, string value)
    {
        if (!Lines.IsEmpty && Lines[^1].SwallowsNextLine)
        {
            throw new InvalidOperationException($"line {Lines[^1].Number} would swallow an appended line");
        }

        var text = Render();
        var separator = text.Length == 0 || text.EndsWith('\n') ? "" : "\n";
        return Parse(text + separator + SysconfigAssignment.Write(key + "=", SysconfigQuote.DoubleQuotes, value, "\n"));
    }
}
