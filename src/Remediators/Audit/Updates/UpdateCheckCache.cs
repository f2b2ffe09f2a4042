using System.Text.Json;
using System.Text.Json.Serialization;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Audit.Updates;

/// <summary>
/// The last package manager answer, kept in the agent's state directory so a daemon asks
/// dnf or apt at most once per <see cref="AuditOptions.UpdateCacheTime"/>, not every pass.
/// </summary>
internal sealed class UpdateCheckCache(ApplianceHost host, string stateDirectory)
{
    private string Path => AppliancePath.Combine(stateDirectory, "update-check.json");

    /// <summary>The findings of an answer younger than <paramref name="maximumAge"/>, or null.</summary>
    public IReadOnlyList<Finding>? Fresh(Platform platform, TimeSpan maximumAge)
    {
        UpdateCheckRecord? record;
        try
        {
            record = host.Files.ReadText(Path) is { } file ? JsonSerializer.Deserialize(file.Text, UpdateCheckJsonContext.Default.UpdateCheckRecord) : null;
        }
        catch (Exception e) when (e is JsonException or HardeningException)
        {
            return null; // unreadable: ask again, and overwrite it
        }

        var age = host.Time.GetUtcNow() - (record?.CheckedAt ?? DateTimeOffset.MinValue);
        // A clock set back makes the age negative: that answer's time is unknown, so ask again.
        return record is not null && record.Platform == platform && age >= TimeSpan.Zero && age < maximumAge ? record.Findings : null;
    }

    public void Save(Platform platform, IReadOnlyList<Finding> findings) =>
        host.Writer.WriteStateFile(Path, JsonSerializer.Serialize(new UpdateCheckRecord(host.Time.GetUtcNow(), platform, findings), UpdateCheckJsonContext.Default.UpdateCheckRecord) + "\n");
}

/// <summary>What <c>update-check.json</c> holds.</summary>
internal sealed record UpdateCheckRecord(DateTimeOffset CheckedAt, Platform Platform, IReadOnlyList<Finding> Findings);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(UpdateCheckRecord))]
internal sealed partial class UpdateCheckJsonContext : JsonSerializerContext;
