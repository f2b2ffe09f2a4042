namespace CloudSharkHardening.Remediators.Host.Processes;

/// <summary>How a command ended and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}
