namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// One option as the server meets it while reading the chain: <paramref name="Position"/> is
/// its place in read order (a later position beats an earlier one), <paramref name="File"/> the
/// real file and <paramref name="LineIndex"/> the zero-based line in it.
/// </summary>
public sealed record ChainedOption(int Position, string File, int LineIndex, string Group, OptionLine Line)
{
    /// <summary>Dashes for underscores, lower case.</summary>
    public string Name => Line.NormalisedName;

    /// <summary>The value as the server takes it; <c>null</c> for a bare name.</summary>
    public string? Value => Line.Value;

    /// <summary><c>/etc/my.cnf:12</c>, with a one-based line number as an editor shows it.</summary>
    public string Location => $"{File}:{LineIndex + 1}";

    public override string ToString() => $"{Location} [{Group}] {Line.Text.Trim()}";
}
