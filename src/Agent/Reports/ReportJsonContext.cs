using System.Text.Json.Serialization;
using CloudSharkHardening.Remediators;

namespace CloudSharkHardening.Agent.Reports;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    Converters = [typeof(KebabCaseEnumConverter<RuleStatus>), typeof(KebabCaseEnumConverter<RuleMode>)])]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
