namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// The file no longer holds what the check read: someone else wrote it in between. Nothing
/// was written; a fresh check and apply may succeed, so this is transient.
/// </summary>
public sealed class FileChangedSinceCheckException(string path)
    : HardeningException($"{path} changed between check and apply; nothing was written", isTransient: true)
{
    public string Path { get; } = path;
}
