using System.Text;

namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>The one table, as plain text for the terminal and as Markdown for the README.</summary>
public static class ReportTable
{
    private static readonly string[] Headings = ["figure", "measured", "target", "met?"];

    public static string Text(LatestReport report)
    {
        var rows = report.Figures.Select(Cells).ToList();
        var widths = Enumerable.Range(0, Headings.Length).Select(i => rows.Select(r => r[i].Length).Append(Headings[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var cells in rows.Prepend(Headings))
        {
            text.AppendJoin("  ", cells.Select((cell, i) => i == 1 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).Append('\n');
        }

        return text.Append('\n').Append(Footer(report)).ToString();
    }

    public static string Markdown(LatestReport report)
    {
        var text = new StringBuilder("| figure | measured | target | met? | how |\n|---|--:|---|---|---|\n");
        foreach (var row in report.Figures)
        {
            var cells = Cells(row);
            text.Append("| ").AppendJoin(" | ", cells.Append(row.Detail ?? "").Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        return text.Append('\n').Append(Footer(report)).ToString();
    }

    private static string[] Cells(ReportRow row) => [row.Figure, row.Measured, row.Target ?? "—", row.MetText];

    private static string Footer(LatestReport report)
    {
        var text = new StringBuilder($"Machine: {report.Machine}.\n");
        foreach (var part in report.Parts)
        {
            text.Append($"Part {part.Part}: measured {part.MeasuredAt}, load average {part.LoadAverage} at its start.\n");
        }

        return text.ToString();
    }
}
