using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>Enums in the JSON report read as the words the human report uses ("changed", "enforce").</summary>
internal sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower)
    where TEnum : struct, Enum;
