using CloudSharkHardening.Remediators.Formats.UnitFile;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.CloudSharkUnit;

/// <summary>
/// What the <c>RequiresMountsFor=</c> lines of a file's <c>[Unit]</c> sections add up to. Each
/// value is a list of absolute paths; lines accumulate; an empty assignment resets the list
/// collected so far.
/// </summary>
internal static class MountsForList
{
    public const string Section = "Unit";
    public const string Key = "RequiresMountsFor";

    /// <summary>
    /// The normalised paths in force after the last line. systemd 239–252 treat an empty
    /// assignment as a no-op rather than a reset; honouring it as a reset can only make the
    /// agent add a redundant line, never call a file compliant that is not.
    /// </summary>
    public static IReadOnlyList<string> Effective(UnitFileDocument document)
    {
        var paths = new List<string>();
        foreach (var assignment in document.Assignments(Section, Key))
        {
            if (assignment.Value.Length == 0)
            {
                paths.Clear();
                continue;
            }

            paths.AddRange(UnitFileWords.Split(assignment.Value).Select(ToPath).OfType<string>());
        }

        return paths;
    }

    /// <summary>The line that makes <paramref name="path"/> (already normalised) required.</summary>
    public static string Line(string path) =>
        $"{Key}={UnitFileWords.Quote(path.Replace("%", "%%", StringComparison.Ordinal))}";

    // systemd expands %-specifiers before checking the path. "%%" is a plain "%"; any other
    // specifier depends on the unit, so such a word never counts as the storage directory.
    private static string? ToPath(string word)
    {
        var withoutEscapes = word.Replace("%%", "", StringComparison.Ordinal);
        if (withoutEscapes.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var path = word.Replace("%%", "%", StringComparison.Ordinal);
        return AppliancePath.IsValid(path, out _) ? AppliancePath.Normalize(path) : null;
    }
}
