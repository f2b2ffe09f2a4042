namespace CloudSharkHardening.Agent;

/// <summary>The exit codes DESIGN.md documents; 2 and 4 combine to 6.</summary>
public static class ExitCodes
{
    public const int Compliant = 0;
    public const int ChangesMade = 2;
    public const int RuleFailed = 4;
    public const int Usage = 64;
    public const int Locked = 75;
    public const int BadConfiguration = 78;
}
