namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// A <c>[group]</c> header. <paramref name="Group"/> is the text between the brackets with
/// trailing blanks removed, as the server takes it (leading blanks are kept: the server does).
/// </summary>
public sealed record GroupHeaderLine(string Text, string Group) : OptionFileLine(Text)
{
    /// <summary>Group names are matched without regard to case, as the server does.</summary>
    public bool Is(string group) => string.Equals(Group, group, StringComparison.OrdinalIgnoreCase);
}
