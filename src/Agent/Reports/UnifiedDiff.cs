using System.Text;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// A unified diff of two texts (Myers' shortest edit script, three lines of context), the
/// form <c>diff -u</c> and <c>patch</c> speak, so an administrator reads it as usual.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;
    private const string NoNewlineMarker = "\\ No newline at end of file";

    public static string Create(string path, string? before, string after)
    {
        var oldLines = SplitLines(before ?? "");
        var newLines = SplitLines(after);
        var edits = EditScript.Compute(oldLines, newLines);
        if (edits.All(e => e.Kind == EditKind.Keep))
        {
            return "";
        }

        var output = new StringBuilder();
        output.Append("--- ").Append(before is null ? "/dev/null" : "a" + path).Append('\n');
        output.Append("+++ b").Append(path).Append('\n');
        foreach (var hunk in Hunks(edits))
        {
            WriteHunk(output, edits, hunk.Start, hunk.End, oldLines, newLines);
        }

        return output.ToString();
    }

    /// <summary>
    /// The diff as a terminal should show it: each line's file content escaped
    /// (<see cref="TerminalText"/>), so the diff keeps its lines and markers and a file cannot
    /// move the cursor or forge a line; diff's own "\ No newline" marker stays as it is.
    /// </summary>
    public static string ForTerminal(string diff) =>
        string.Join('\n', diff.Split('\n').Select(line => line == NoNewlineMarker ? line : TerminalText.Escape(line)));

    /// <summary>Lines without their newline; a last line without one is marked as diff does.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        else
        {
            lines[^1] += "\n" + NoNewlineMarker;
        }

        return lines;
    }

    private static IEnumerable<(int Start, int End)> Hunks(IReadOnlyList<Edit> edits)
    {
        var changed = Enumerable.Range(0, edits.Count).Where(i => edits[i].Kind != EditKind.Keep).ToList();
        var start = Math.Max(0, changed[0] - Context);
        var end = Math.Min(edits.Count, changed[0] + Context + 1);
        foreach (var index in changed.Skip(1))
        {
            if (index - Context > end)
            {
                yield return (start, end);
                start = index - Context;
            }

            end = Math.Min(edits.Count, index + Context + 1);
        }

        yield return (start, end);
    }

    private static void WriteHunk(StringBuilder output, IReadOnlyList<Edit> edits, int start, int end, List<string> oldLines, List<string> newLines)
    {
        var slice = edits.Skip(start).Take(end - start).ToList();
        var oldCount = slice.Count(e => e.Kind != EditKind.Insert);
        var newCount = slice.Count(e => e.Kind != EditKind.Delete);
        var oldStart = slice[0].OldIndex + (oldCount == 0 ? 0 : 1);
        var newStart = slice[0].NewIndex + (newCount == 0 ? 0 : 1);
        output.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        foreach (var edit in slice)
        {
            var (marker, line) = edit.Kind switch
            {
                EditKind.Keep => (' ', oldLines[edit.OldIndex]),
                EditKind.Delete => ('-', oldLines[edit.OldIndex]),
                _ => ('+', newLines[edit.NewIndex]),
            };
            output.Append(marker).Append(line).Append('\n');
        }
    }

    private static string Range(int start, int count) =>
        count == 1 ? start.ToString(System.Globalization.CultureInfo.InvariantCulture) : FormattableString.Invariant($"{start},{count}");
}
