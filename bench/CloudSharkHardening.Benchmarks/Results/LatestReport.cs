namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>bench/results/latest.json: every figure with its target, and where and when it was measured.</summary>
public sealed record LatestReport(Machine Machine, IReadOnlyList<PartStamp> Parts, IReadOnlyList<ReportRow> Figures);

/// <summary>When a part was measured and how busy the machine was as it started.</summary>
public sealed record PartStamp(string Part, string MeasuredAt, string LoadAverage);

/// <summary>One line of the table.</summary>
/// <param name="Met">Null when the issue sets no target for the figure.</param>
public sealed record ReportRow(string Id, string Figure, double Value, string Unit, string Measured, string? Target, bool? Met, string? Detail)
{
    public static ReportRow Of(Figure figure)
    {
        var target = Results.Target.For(figure.Id);
        return new(figure.Id, figure.Title, figure.Value, figure.Unit, Units.Display(figure.Value, figure.Unit), target?.Text, target?.IsMet(figure), figure.Detail);
    }

    public string MetText => Met switch { true => "yes", false => "NO", null => "" };
}
