using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Plans;

/// <summary>Create one directory (its parent must exist) with the given owner and mode.</summary>
public sealed record DirectoryCreate(string Path, string User, string Group, UnixFileMode Mode) : Change(Path)
{
    public override string Kind => "directory";

    public override string Describe() =>
        $"create directory {Path} owned {User}:{Group} mode {Convert.ToString((int)Mode, 8).PadLeft(4, '0')}";

    internal override ValueTask ApplyAsync(ApplianceHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        host.Files.CreateDirectory(Path, host.Accounts.UserId(User), host.Accounts.GroupId(Group), Mode);
        return ValueTask.CompletedTask;
    }
}
