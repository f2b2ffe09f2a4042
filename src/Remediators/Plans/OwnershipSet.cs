using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>Change the owner of one path itself: never recursive, never through a symlink.</summary>
public sealed record OwnershipSet(string Path, string User, string Group, string CurrentOwner) : Change(Path)
{
    public override string Kind => "owner";

    public override string Describe() => $"chown {Path} to {User}:{Group} (was {CurrentOwner})";

    internal override ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        host.Files.SetDirectoryOwner(Path, host.Accounts.UserId(User), host.Accounts.GroupId(Group));
        return ValueTask.CompletedTask;
    }
}
