namespace CloudSharkHardening.Agent.Cli;

/// <summary>What a person asked of one pass on the command line.</summary>
public sealed record OnceArguments(
    bool CheckOnly,
    bool ShowDiff,
    bool Json,
    IReadOnlyList<string> Rules,
    string? ConfigPath,
    string? Root,
    bool Verbose);
