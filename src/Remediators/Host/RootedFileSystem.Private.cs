using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Descriptors;

namespace CloudSharkHardening.Remediators.Host;

public sealed partial class RootedFileSystem
{
    private const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Opens a directory of the agent's own (its state, its backups), making what is missing
    /// root-owned and mode 0700. It must be one that only root can write: backups, reports and
    /// owed restarts kept where another account could swap a file would be that account's to forge.
    /// </summary>
    internal DirectoryHandle OpenPrivateDirectory(string path)
    {
        // Through the links on the way (an image may link it elsewhere in the image), so what
        // is created is what the walk below will reach.
        var prefix = new List<string>();
        foreach (var part in AppliancePath.Split(ResolveLinks(path)))
        {
            prefix.Add(part);
            using var walked = Walk(AppliancePath.Join(prefix), followLast: true);
            var parent = walked.RequireParent();
            if (!parent.StatEntry(walked.Name).Exists)
            {
                parent.MakeDirectory(walked.Name, 0, 0, PrivateDirectoryMode);
            }
        }

        using var end = Walk(path, followLast: true);
        var directory = end.Name.Length == 0 ? BorrowRoot() : end.RequireParent().TryOpenDirectory(end.Name);
        if (directory is null)
        {
            throw new HardeningException($"{end.Path} is not a directory; the agent keeps its state only in a directory of its own");
        }

        if (!directory.IsTrusted)
        {
            var node = directory.Node;
            directory.Dispose();
            throw new UnsafePathException(end.Path, $"{end.Path} (owner uid {node.UserId}, mode {Convert.ToString((int)node.Mode, 8).PadLeft(4, '0')}) can be written by an account other than root; the agent keeps its backups and state only where no one else can change them");
        }

        return directory;
    }
}
