using System.Text;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// A unit name taken apart the way systemd's unit-name.c does: <c>prefix[@instance].type</c>.
/// A template has an empty instance (<c>getty@.service</c>).
/// </summary>
internal sealed record UnitName(string Name, string Prefix, string? Instance, string Type)
{
    private const int MaxLength = 255;

    private static readonly HashSet<string> Types =
        ["service", "socket", "target", "device", "mount", "automount", "swap", "timer", "path", "slice", "scope"];

    /// <summary>The name without its type suffix (<c>%N</c>).</summary>
    public string Stem => Name[..^(Type.Length + 1)];

    public bool IsInstance => Instance is { Length: > 0 };

    /// <summary>The template an instance is made from; <c>null</c> for any other name.</summary>
    public string? Template => IsInstance ? $"{Prefix}@.{Type}" : null;

    public static bool TryParse(string name, out UnitName unit)
    {
        unit = null!;
        var dot = name.LastIndexOf('.');
        if (name.Length is 0 or > MaxLength || dot <= 0 || !Types.Contains(name[(dot + 1)..]))
        {
            return false;
        }

        var stem = name[..dot];
        var at = stem.IndexOf('@', StringComparison.Ordinal);
        var prefix = at < 0 ? stem : stem[..at];
        var instance = at < 0 ? null : stem[(at + 1)..];
        if (!IsValidPrefix(prefix) || (instance is not null && !instance.All(c => c == '@' || IsValidChar(c))))
        {
            return false;
        }

        unit = new UnitName(name, prefix, instance, name[(dot + 1)..]);
        return true;
    }

    public static UnitName Parse(string name) =>
        TryParse(name, out var unit) ? unit : throw new Errors.HardeningException($"'{name}' is not a valid systemd unit name");

    /// <summary>This name with the same type and <paramref name="instance"/> put in place of its own.</summary>
    public string WithInstance(string instance) => $"{Prefix}@{instance}.{Type}";

    /// <summary>
    /// The names whose <c>.d/</c> directories hold drop-ins for this unit within one search
    /// directory, most specific first (systemd's <c>unit_file_find_dirs()</c>): the name, its
    /// template, then each dash-truncated prefix (<c>foo-bar-baz.service</c>:
    /// <c>foo-bar-.service</c>, <c>foo-.service</c>), each with its own template.
    /// </summary>
    public IEnumerable<string> DropInNames()
    {
        yield return Name;
        if (Template is { } template)
        {
            foreach (var name in Parse(template).DropInNames())
            {
                yield return name;
            }
        }

        if (ShorterPrefix() is { } shorter)
        {
            var built = Instance is { Length: > 0 } instance ? $"{shorter}@{instance}.{Type}" : $"{shorter}.{Type}";
            foreach (var name in Parse(built).DropInNames())
            {
                yield return name;
            }
        }
    }

    /// <summary>Undoes unit-name escaping (<c>\x2d</c> → <c>-</c>), as <c>%I</c> and <c>%P</c> do.</summary>
    public static string Unescape(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x' && char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3]))
            {
                result.Append((char)Convert.ToInt32(text.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>"foo-bar-baz" → "foo-bar-", "foo-bar-" → "foo-": cut after the last dash, a trailing one first dropped once.</summary>
    private string? ShorterPrefix()
    {
        var prefix = Prefix;
        var chopped = false;
        while (true)
        {
            var dash = prefix.LastIndexOf('-');
            if (dash <= 0)
            {
                return null;
            }

            if (dash + 1 < prefix.Length || chopped)
            {
                return prefix[..(dash + 1)];
            }

            prefix = prefix[..dash];
            chopped = true;
        }
    }

    private static bool IsValidPrefix(string prefix) => prefix.Length > 0 && prefix.All(IsValidChar);

    private static bool IsValidChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '\\';
}
