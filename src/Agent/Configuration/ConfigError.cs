namespace CloudSharkHardening.Agent.Configuration;

/// <summary>One thing wrong with the configuration, named by its JSON path (<c>rules.memcached.listen[1]</c>).</summary>
public sealed record ConfigError(string Field, string Problem)
{
    public override string ToString() => $"{Field}: {Problem}";
}
