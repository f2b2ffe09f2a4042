namespace CloudSharkHardening.Agent.Engine;

/// <summary>What one pass is asked to do, and the context its report names.</summary>
public sealed record RunRequest(string RunId, bool CheckOnly, string Root, string Platform);
