using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// Replace a text file's content. <paramref name="Before"/> is what the check read
/// (<c>null</c>: the file did not exist); apply refuses if the file no longer holds it.
/// <paramref name="Path"/> is the file actually edited, after following symlinks.
/// </summary>
public sealed record FileEdit(string Path, string? Before, string After, string Why) : Change(Path)
{
    /// <summary>Mode of a file this edit creates; an existing file keeps its own.</summary>
    public UnixFileMode NewFileMode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public override string Kind => "file";

    public override string Describe() => Before is null ? $"create {Path}: {Why}" : $"edit {Path}: {Why}";

    internal override async ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken) =>
        await host.Writer.ReplaceAsync(Path, Before, After, NewFileMode, cancellationToken).ConfigureAwait(false);
}
