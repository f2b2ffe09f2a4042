using System.Text;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// <c>%</c> specifiers (systemd.unit(5), "Specifiers") in a setting of one unit. Those that
/// follow from the unit's name, and the fixed directories and account of the system
/// manager, are expanded; the rest (host name, machine ID ...) describe the running machine,
/// not its files, so they are kept as written and reported, never guessed.
/// </summary>
internal sealed class Specifiers(UnitName unit)
{
    private const string MachineSpecifiers = "aAbBdfHlmMoqsTvVwWyY";

    public string Expand(string text, SettingSource source, ICollection<string> problems)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%' || i + 1 == text.Length)
            {
                result.Append(text[i]); // a final lone '%' stays as it is
                continue;
            }

            var letter = text[++i];
            if (Value(letter) is { } value)
            {
                result.Append(value);
                continue;
            }

            result.Append('%').Append(letter);
            problems.Add(MachineSpecifiers.Contains(letter, StringComparison.Ordinal)
                ? $"{source}: %{letter} depends on the running machine and is not expanded here; the value keeps \"%{letter}\""
                : $"{source}: %{letter} is not a specifier systemd knows; systemd rejects this setting");
        }

        return result.ToString();
    }

    private string? Value(char letter) => letter switch
    {
        '%' => "%",
        'n' => unit.Name,
        'N' => unit.Stem,
        'p' => unit.Prefix,
        'P' => UnitName.Unescape(unit.Prefix),
        'i' => unit.Instance ?? "",
        'I' => UnitName.Unescape(unit.Instance ?? ""),
        'j' => FinalComponent(),
        'J' => UnitName.Unescape(FinalComponent()),
        't' => "/run",
        'S' => "/var/lib",
        'C' => "/var/cache",
        'L' => "/var/log",
        'E' => "/etc",
        'u' or 'g' => "root",
        'U' or 'G' => "0",
        'h' => "/root",
        _ => null,
    };

    private string FinalComponent() => unit.Prefix[(unit.Prefix.LastIndexOf('-') + 1)..];
}
