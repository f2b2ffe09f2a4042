using System.Text.Json.Serialization;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>One line of the backup index: what <see cref="Path"/> held at <see cref="Time"/>.</summary>
public sealed record BackupEntry(
    DateTimeOffset Time,
    string Path,
    string? Sha256,
    int? Mode,
    uint? UserId,
    uint? GroupId)
{
    [JsonIgnore]
    public bool RecordsAbsence => Sha256 is null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupEntry))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
