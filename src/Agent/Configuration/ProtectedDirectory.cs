namespace CloudSharkHardening.Agent.Configuration;

/// <summary>A directory the agent must not take over, and what it is, for the error that says so.</summary>
/// <param name="Path">A normalized absolute path.</param>
/// <param name="What">What the directory is, as a sentence continues after it ("a system directory").</param>
/// <param name="BelowIsFine">
/// The directory is protected only as itself and as part of anything containing it: "/" and
/// "/var" hold everyone's directories, and a subdirectory next to an edited file leaves that
/// file alone.
/// </param>
internal sealed record ProtectedDirectory(string Path, string What, bool BelowIsFine = false)
{
    /// <summary>How <paramref name="candidate"/> (normalized) would reach this directory, or <c>null</c> when it keeps clear.</summary>
    public string? Conflict(string candidate)
    {
        if (candidate == Path)
        {
            return $"{candidate} is {What}";
        }

        if (!BelowIsFine && IsBelow(candidate, Path))
        {
            return $"{candidate} lies inside {Path}, {What}";
        }

        // Taking over a parent takes over everything in it: a storage directory of /var is /var/lib/mysql too.
        return IsBelow(Path, candidate) ? $"{candidate} contains {Path}, {What}" : null;
    }

    private static bool IsBelow(string path, string ancestor) =>
        path != ancestor && path.StartsWith(ancestor == "/" ? "/" : ancestor + "/", StringComparison.Ordinal);
}
