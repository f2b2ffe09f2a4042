using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>
/// Make <paramref name="Path"/> a symlink to <paramref name="Target"/>. It replaces only an
/// absent path or another symlink (<paramref name="PreviousTarget"/>), never a directory or file.
/// </summary>
public sealed record SymlinkSet(string Path, string Target, string? PreviousTarget) : Change(Path)
{
    public override string Kind => "symlink";

    public override string Describe() => PreviousTarget is null
        ? $"link {Path} -> {Target}"
        : $"relink {Path} -> {Target} (was -> {PreviousTarget})";

    internal override ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        host.Files.SetSymlink(Path, Target, PreviousTarget);
        return ValueTask.CompletedTask;
    }
}
