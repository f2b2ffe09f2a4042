using System.Text.Json.Serialization;

namespace CloudSharkHardening.Benchmarks.Results;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FigureSet))]
[JsonSerializable(typeof(LatestReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
