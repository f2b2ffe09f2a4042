namespace CloudSharkHardening.Remediators.Formats;

/// <summary>
/// How the agent disables a line it must not leave in force: it comments it out with a
/// marker saying why, keeping the original text, and never deletes it. Every format uses
/// this one shape so an administrator can grep for it.
/// </summary>
public static class NeutralisedLine
{
    public const string Marker = "cloudshark-hardening:";

    /// <summary><c># cloudshark-hardening: WHY: ORIGINAL</c>, with the format's comment character.</summary>
    public static string Comment(string originalLine, string why, char commentCharacter = '#') =>
        $"{commentCharacter} {Marker} {why}: {originalLine.TrimStart()}";

    public static bool IsNeutralised(string line) =>
        line.TrimStart().Length > 1 && line.TrimStart()[1..].TrimStart().StartsWith(Marker, StringComparison.Ordinal);
}
