namespace CloudSharkHardening.Remediators.Host;

/// <summary>Absolute POSIX paths on the appliance, handled as text (never the machine's own).</summary>
public static class AppliancePath
{
    /// <summary>
    /// Collapses repeated slashes and "." parts. Rejects relative paths and ".." so a
    /// configured path can never climb out of the root.
    /// </summary>
    public static string Normalize(string path)
    {
        if (!IsValid(path, out var problem))
        {
            throw new ArgumentException($"'{path}' {problem}", nameof(path));
        }

        return Join(Split(path));
    }

    public static bool IsValid(string path, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            problem = "is not an absolute path";
        }
        else if (path.Contains('\0', StringComparison.Ordinal))
        {
            problem = "contains a NUL character";
        }
        else if (path.Split('/').Any(part => part == ".."))
        {
            problem = "contains '..'";
        }

        return problem.Length == 0;
    }

    public static IEnumerable<string> Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");

    public static string Join(IEnumerable<string> parts) => "/" + string.Join('/', parts);

    public static string Parent(string path)
    {
        var normal = Normalize(path);
        var slash = normal.LastIndexOf('/');
        return slash <= 0 ? "/" : normal[..slash];
    }

    public static string FileName(string path)
    {
        var normal = Normalize(path);
        return normal[(normal.LastIndexOf('/') + 1)..];
    }

    public static string Combine(string directory, string name) =>
        Normalize(directory.TrimEnd('/') + "/" + name);
}
