namespace CloudSharkHardening.Benchmarks.Inputs;

/// <summary>How a benchmark's appliance differs from the sample; null keeps the sample's own.</summary>
/// <param name="IncludedOptionFiles">Option files in /etc/my.cnf.d (the sample has 3).</param>
/// <param name="InputRules">Rules in INPUT of each family besides the agent's jump (EL's file has 6).</param>
public sealed record ApplianceShape(int? IncludedOptionFiles = null, int? InputRules = null)
{
    public static ApplianceShape Sample { get; } = new();
}
