namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// A unit action of the pass: <see cref="Result"/> is <c>done</c>, <c>at-next-boot</c>,
/// <c>pending</c> (kept on disk for the next run), <c>failed</c> or <c>planned</c> (with --check).
/// </summary>
public sealed record UnitActionReport(string Action, string Unit, string Result, string Message);
