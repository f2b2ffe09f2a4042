using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// Rename a directory out of the way, within its own file system, without ever replacing
/// what is at <paramref name="To"/>. Nothing is copied, merged or deleted.
/// </summary>
public sealed record MoveAside(string Path, string To, string Why) : Change(Path)
{
    public override string Kind => "move";

    public override string Describe() => $"move {Path} to {To}: {Why}";

    internal override ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        host.Files.RenameNoReplace(Path, To);
        return ValueTask.CompletedTask;
    }
}
