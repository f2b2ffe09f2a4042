using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>The directory a drop-in the agent writes lives in (<c>/etc/systemd/system/NAME.d</c>), made when missing.</summary>
internal static class DropInDirectory
{
    /// <summary>root:root 0755, as systemctl edit makes it.</summary>
    private const UnixFileMode Mode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Nothing when the directory of <paramref name="dropIn"/> exists; else its creation.</summary>
    /// <exception cref="HardeningException">The directory cannot be made there.</exception>
    public static IEnumerable<Change> For(RootedFileSystem files, string dropIn)
    {
        var directory = AppliancePath.Parent(dropIn);
        switch (files.Stat(directory).Kind)
        {
            case FileNodeKind.Directory:
                yield break;
            case FileNodeKind.Missing when files.Stat(AppliancePath.Parent(directory)).Kind == FileNodeKind.Directory:
                yield return new DirectoryCreate(directory, "root", "root", Mode);
                yield break;
            case FileNodeKind.Missing:
                throw new HardeningException($"cannot create {directory}: {AppliancePath.Parent(directory)} does not exist (is systemd installed in this root?)");
            default:
                throw new HardeningException($"{directory} exists and is not a directory; the drop-in {dropIn} cannot be written");
        }
    }
}
