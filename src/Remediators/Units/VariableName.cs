namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// systemd's <c>env_name_is_valid()</c> and <c>env_value_is_valid()</c>: a name is ASCII
/// letters, digits and underscores, not starting with a digit; a value holds no control
/// characters but tab and newline (systemd.exec(5), <c>Environment=</c>).
/// </summary>
internal static class VariableName
{
    public static bool IsValid(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static bool IsValidValue(string value) => !value.Any(c => char.IsControl(c) && c is not ('\t' or '\n'));

    /// <summary>Splits a <c>NAME=VALUE</c> word; false when it is not a valid assignment.</summary>
    public static bool TrySplitAssignment(string word, out string name, out string value)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        name = equals > 0 ? word[..equals] : "";
        value = equals > 0 ? word[(equals + 1)..] : "";
        return IsValid(name) && IsValidValue(value);
    }
}
