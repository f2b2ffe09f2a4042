using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// One of the kernel's socket tables under /proc/net: a header line naming the columns, then
/// one line per socket. The header is checked so that a changed format, or a file that is not
/// the kernel's at all, fails loudly instead of reading as "nothing listens".
/// </summary>
internal static class ProcNetFile
{
    /// <summary>A header word that may be anything (tcp says rem_address, tcp6 remote_address).</summary>
    public const string AnyWord = "*";

    /// <summary>
    /// The lines after the header, or an empty list when <paramref name="mayBeAbsent"/> and the
    /// file does not exist (tcp6 and udp6 vanish when the kernel runs with IPv6 disabled).
    /// </summary>
    public static IReadOnlyList<string> DataLines(RootedFileSystem files, string path, IReadOnlyList<string> header, bool mayBeAbsent)
    {
        var text = Read(files, path, mayBeAbsent);
        if (text is null)
        {
            return [];
        }

        var lines = text.Split('\n');
        if (!HasHeader(lines[0], header))
        {
            throw new HardeningException($"{path}: does not start with the socket table header '{string.Join(' ', header)}'; it is not the kernel's table, or its format has changed");
        }

        return lines[1..];
    }

    private static string? Read(RootedFileSystem files, string path, bool mayBeAbsent)
    {
        try
        {
            // Not ReadText: the table of a busy host can pass its 1 MiB limit for configuration files.
            return File.ReadAllText(files.HostPath(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return mayBeAbsent ? null : throw new HardeningException($"{path}: does not exist; is /proc mounted?", innerException: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HardeningException($"{path}: cannot be read: {e.Message}", innerException: e);
        }
    }

    private static bool HasHeader(string line, IReadOnlyList<string> header)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= header.Count
            && header.Select((word, index) => word == AnyWord || word == words[index]).All(matches => matches);
    }
}
