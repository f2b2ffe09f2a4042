namespace CloudSharkHardening.Remediators.Tests.Formats.IptablesSave;

/// <summary>
/// How iptables-save (libxtables' xtables_save_string) prints a free-text argument such as a
/// comment: bare when it is non-empty and only letters, digits, '-' and '_'; otherwise in
/// double quotes, with '"', '\' and '\'' escaped by a backslash.
/// </summary>
internal static class SaveQuoting
{
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? value
            : "\"" + string.Concat(value.Select(c => c is '"' or '\\' or '\'' ? $"\\{c}" : $"{c}")) + "\"";
}
