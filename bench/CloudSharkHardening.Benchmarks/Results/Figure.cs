namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>One measured figure, as both parts write it (bench/appliance.sh writes the same shape).</summary>
/// <param name="Id">Stable name, e.g. <c>once.compliant.wall</c>; targets are keyed by it.</param>
/// <param name="Title">What a person reads in the table.</param>
/// <param name="Value">The measurement, in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>ns</c>, <c>ms</c>, <c>MiB</c>, <c>count</c> or <c>ratio</c>.</param>
/// <param name="Detail">How it was measured: sample count, spread, allocations.</param>
/// <param name="LowerBound">
/// The smallest value the measurement's spread allows, where a target must not flip with
/// noise (growth ratios: the ratio of the quartiles facing each other); null when not known.
/// </param>
public sealed record Figure(string Id, string Title, double Value, string Unit, string? Detail = null, double? LowerBound = null);
