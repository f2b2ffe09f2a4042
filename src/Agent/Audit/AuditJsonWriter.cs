using System.Text.Json;
using System.Text.Json.Serialization;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;

namespace CloudSharkHardening.Agent.Audit;

/// <summary>The audit page as one JSON document (<c>audit --json</c>; fields in docs/report.md).</summary>
public static class AuditJsonWriter
{
    public static string Render(AuditPage page) =>
        JsonSerializer.Serialize(page, AuditJsonContext.Default.AuditPage) + "\n";
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    Converters = [typeof(KebabCaseEnumConverter<RuleStatus>), typeof(KebabCaseEnumConverter<RuleMode>)])]
[JsonSerializable(typeof(AuditPage))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
