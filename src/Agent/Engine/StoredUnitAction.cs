using System.Text.Json.Serialization;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>The on-disk shape of one owed unit action.</summary>
public sealed record StoredUnitAction(
    [property: JsonConverter(typeof(JsonStringEnumConverter<UnitActionKind>))] UnitActionKind Kind,
    string Unit);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<StoredUnitAction>))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
