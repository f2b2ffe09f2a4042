using System.Text.Json.Serialization;

namespace CloudSharkHardening.Remediators.Audit;

/// <summary>How urgently a person should act on a finding; ordered, so <c>--fail-on</c> can compare.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Could not be checked, or exposed only behind the firewall: look when convenient.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>A weakness with no direct way in (no time sync, drift the agent repairs).</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>A way in: a service on the network, a shipped password, pending security fixes.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Exploitable from outside right now: root's shipped password, memcached's UDP amplifier.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}
