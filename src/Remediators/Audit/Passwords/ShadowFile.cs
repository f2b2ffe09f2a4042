namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>
/// <c>/etc/shadow</c> read the way glibc reads it: <c>name:password</c> (the old two-field
/// form) or the nine-field form whose aging fields are numbers or empty. Any other line is
/// one glibc would skip, so it is counted as malformed and never trusted.
/// </summary>
public sealed class ShadowFile
{
    private const int FullFieldCount = 9;
    private const int FieldCountWithoutFlag = 8;
    private readonly List<ShadowEntry> _entries = [];
    private readonly List<int> _malformedLines = [];

    private ShadowFile()
    {
    }

    /// <summary>Line numbers (1-based) that are neither blank nor a valid entry; the lines themselves may hold hashes, so only numbers are kept.</summary>
    public IReadOnlyList<int> MalformedLines => _malformedLines;

    public IReadOnlyList<ShadowEntry> Entries => _entries;

    public static ShadowFile Parse(string text)
    {
        var file = new ShadowFile();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Length == 0)
            {
                continue; // blank lines, and the empty piece after the final newline
            }

            var fields = line.Split(':');
            if (IsEntry(fields))
            {
                file._entries.Add(new ShadowEntry(fields[0], fields[1], index + 1));
            }
            else
            {
                file._malformedLines.Add(index + 1);
            }
        }

        return file;
    }

    /// <summary>The first entry for <paramref name="name"/>, as getspnam(3) returns it; null when there is none.</summary>
    public ShadowEntry? Find(string name) => _entries.FirstOrDefault(entry => entry.Name == name);

    private static bool IsEntry(string[] fields)
    {
        // NIS compat lines (+name, -name) are not local accounts.
        if (fields[0].Length == 0 || fields[0][0] is '+' or '-' || fields[0].Any(char.IsWhiteSpace))
        {
            return false;
        }

        return fields.Length == 2
            || (fields.Length is FieldCountWithoutFlag or FullFieldCount && fields.Skip(2).All(field => field.All(char.IsAsciiDigit)));
    }
}
