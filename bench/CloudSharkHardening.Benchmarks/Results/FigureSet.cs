namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>What one part (in-process or appliance) measured, and when, on how busy a machine.</summary>
/// <param name="Part"><c>in-process</c> or <c>appliance</c>.</param>
/// <param name="MeasuredAt">UTC, ISO 8601.</param>
/// <param name="LoadAverage">/proc/loadavg when the part started: the machine is shared.</param>
public sealed record FigureSet(string Part, string MeasuredAt, string LoadAverage, IReadOnlyList<Figure> Figures);
