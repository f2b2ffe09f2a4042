namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// A target file the agent will not edit (binary, CRLF, too large, a syntax it cannot
/// round-trip). The file is left untouched; retrying cannot help.
/// </summary>
public sealed class UnsupportedFileException(string path, string problem)
    : HardeningException($"{path}: {problem}; the file was left untouched")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
