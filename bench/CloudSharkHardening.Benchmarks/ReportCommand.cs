using System.Text.Json;
using CloudSharkHardening.Benchmarks.Results;

namespace CloudSharkHardening.Benchmarks;

/// <summary>
/// Joins what the parts measured (results/in-process.json, results/appliance.json, whichever
/// exist) into one table with the targets beside the figures: printed, and written as
/// latest.json and latest.md; with a README, its table between the bench markers is replaced.
/// </summary>
public static class ReportCommand
{
    public const string BeginMarker = "<!-- bench:begin -->";
    public const string EndMarker = "<!-- bench:end -->";

    private static readonly string[] Parts = ["in-process", "appliance"];

    public static int Run(string resultsDirectory, string? readme, TimeProvider time)
    {
        var parts = Parts
            .Select(part => Path.Combine(resultsDirectory, part + ".json"))
            .Where(File.Exists)
            .Select(path => JsonSerializer.Deserialize(File.ReadAllText(path), BenchJsonContext.Default.FigureSet)!)
            .ToList();
        if (parts.Count == 0)
        {
            Console.Error.WriteLine($"no results in {resultsDirectory}: run a part first");
            return 1;
        }

        var report = new LatestReport(
            Machine.Read(time),
            [.. parts.Select(p => new PartStamp(p.Part, p.MeasuredAt, p.LoadAverage))],
            [.. parts.SelectMany(p => p.Figures).Select(ReportRow.Of)]);
        File.WriteAllText(Path.Combine(resultsDirectory, "latest.json"), JsonSerializer.Serialize(report, BenchJsonContext.Default.LatestReport) + "\n");
        var markdown = ReportTable.Markdown(report);
        File.WriteAllText(Path.Combine(resultsDirectory, "latest.md"), markdown);
        if (readme is not null)
        {
            ReplaceBetweenMarkers(readme, markdown);
        }

        Console.WriteLine(ReportTable.Text(report));
        return 0;
    }

    private static void ReplaceBetweenMarkers(string readme, string markdown)
    {
        var text = File.ReadAllText(readme);
        var begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"{readme} has no {BeginMarker} ... {EndMarker} section for the table");
        }

        File.WriteAllText(readme, text[..(begin + BeginMarker.Length)] + "\n" + markdown + text[end..]);
    }
}
