namespace CloudSharkHardening.Agent.Configuration;

/// <summary>The configuration cannot be used; every error found is listed, not just the first.</summary>
public sealed class ConfigException(string source, IReadOnlyList<ConfigError> errors)
    : Exception($"{source}: {errors.Count} configuration error(s):\n" + string.Join('\n', errors.Select(e => "  " + e)))
{
    public string ConfigSource { get; } = source;

    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
