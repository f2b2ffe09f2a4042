namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// An option: <c>name</c>, <c>name=value</c> or <c>name = "value" # comment</c>.
/// <paramref name="Name"/> is as written (trimmed); <paramref name="Value"/> is <c>null</c> for a
/// bare name, otherwise trimmed, without a trailing comment and without one pair of
/// surrounding quotes. Escape sequences are left as written.
/// </summary>
public sealed record OptionLine(string Text, string Name, string? Value) : OptionFileLine(Text)
{
    /// <summary>
    /// The name as the server compares it: dashes and underscores are the same character;
    /// lower case so that an administrator's capitals do not hide an option from us.
    /// </summary>
    public string NormalisedName { get; } = Normalise(Name);

    /// <summary>Lower case, underscores turned into dashes.</summary>
    public static string Normalise(string name) => name.ToLowerInvariant().Replace('_', '-');
}
