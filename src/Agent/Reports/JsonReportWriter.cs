using System.Text.Json;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>The report as one JSON document (fields documented in docs/report.md).</summary>
public static class JsonReportWriter
{
    public static string Render(RunReport report) =>
        JsonSerializer.Serialize(report, ReportJsonContext.Default.RunReport) + "\n";

    public static RunReport? Parse(string json) =>
        JsonSerializer.Deserialize(json, ReportJsonContext.Default.RunReport);
}
