using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// What one option line says about a boolean server option, following the server's own
/// prefix rules: <c>skip-</c>/<c>disable-</c> mean false, <c>enable-</c> true, <c>loose-</c>
/// changes nothing, <c>maximum-</c> sets a bound rather than a value. The server strips
/// prefixes until the rest names an option, and the last prefix stripped decides.
/// </summary>
public static class BooleanOptionSpelling
{
    private const string Loose = "loose-";
    private const string Skip = "skip-";
    private const string Disable = "disable-";
    private const string Enable = "enable-";
    private const string Maximum = "maximum-";
    private const string Autoset = "autoset-";

    private static readonly string[] Prefixes = [Loose, Skip, Disable, Enable, Maximum, Autoset];

    /// <summary>
    /// <c>true</c> or <c>false</c> when <paramref name="line"/> sets <paramref name="optionName"/>;
    /// <c>null</c> when it is about something else. A spelling whose meaning is not certain
    /// fails with <see cref="UnsupportedFileException"/> naming the line.
    /// </summary>
    public static bool? Interpret(string optionName, OptionLine line, string path, int lineIndex)
    {
        ArgumentNullException.ThrowIfNull(line);
        var wanted = OptionLine.Normalise(optionName);
        var name = line.NormalisedName;
        string? lastPrefix = null;
        while (name != wanted)
        {
            lastPrefix = Array.Find(Prefixes, prefix => name.StartsWith(prefix, StringComparison.Ordinal));
            if (lastPrefix is null)
            {
                return null;
            }

            name = name[lastPrefix.Length..];
        }

        switch (lastPrefix)
        {
            case null or Loose:
                return line.Value is null ? true : ParseValue(optionName, line, path, lineIndex);
            case Maximum:
                return null;
            case Autoset:
                throw Unsupported(line, path, lineIndex, $"{optionName} cannot be set automatically");
            default:
                if (line.Value is not null)
                {
                    // The server quietly ignores or even inverts such a value; we will not guess.
                    throw Unsupported(line, path, lineIndex, $"a '{lastPrefix}' option given a value has no clear meaning; write {optionName} or {optionName}=0");
                }

                return lastPrefix == Enable;
        }
    }

    /// <summary>Same as the other overload, for an option met in a chain.</summary>
    public static bool? Interpret(string optionName, ChainedOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Interpret(optionName, option.Line, option.File, option.LineIndex);
    }

    private static bool ParseValue(string optionName, OptionLine line, string path, int lineIndex) =>
        line.Value!.ToUpperInvariant() switch
        {
            "1" or "ON" or "TRUE" => true,
            "0" or "OFF" or "FALSE" => false,
            _ => throw Unsupported(line, path, lineIndex, $"cannot tell whether '{line.Value}' turns {optionName} on or off (use 1, 0, ON, OFF, TRUE or FALSE)"),
        };

    private static UnsupportedFileException Unsupported(OptionLine line, string path, int lineIndex, string problem) =>
        new(path, $"line {lineIndex + 1} '{line.Text.Trim()}': {problem}");
}
