namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// The value a boolean option takes in the server, and the line that decided it
/// (<c>null</c>: no server group sets it, so the server's default holds).
/// </summary>
public sealed record BooleanOptionVerdict(string OptionName, bool IsOn, ChainedOption? DecidedBy)
{
    /// <summary>One line for a report: where the effective value comes from.</summary>
    public string Describe() => DecidedBy is null
        ? $"{OptionName} effective: {OnOff} (no server option group sets it; the server default)"
        : $"{OptionName} effective: {OnOff} (decided by {DecidedBy.Location} {DecidedBy.Line.Text.Trim()})";

    private string OnOff => IsOn ? "on" : "off";
}
