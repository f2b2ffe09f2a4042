using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>What a rule depends on, as it declares it: the paths and the units whose change may change what its check finds.</summary>
public sealed record RuleWatches(IReadOnlyList<WatchedPath> Paths, IReadOnlyList<string> Units);
