using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// The few structural changes rules make; file content goes through <see cref="SafeFileWriter"/>.
/// Each acts on one entry of a directory held by descriptor (see <see cref="Descriptors.PathWalker"/>),
/// never by a path someone could rearrange between two calls.
/// </summary>
public sealed partial class RootedFileSystem
{
    /// <summary>
    /// Creates one directory with its owner and mode set through its own descriptor; an
    /// existing directory is left as it is.
    /// </summary>
    public void CreateDirectory(string path, uint userId, uint groupId, UnixFileMode mode)
    {
        using var walked = Walk(path, followLast: false);
        var parent = walked.Parent ?? throw new HardeningException($"cannot create {path}: its parent {AppliancePath.Parent(path)} does not exist");
        var node = parent.StatEntry(walked.Name);
        if (node.Kind == FileNodeKind.Directory)
        {
            return;
        }

        if (node.Exists)
        {
            throw new HardeningException($"{path}: exists and is not a directory; not replaced");
        }

        parent.MakeDirectory(walked.Name, userId, groupId, mode);
    }

    /// <summary>Renames within one file system, failing rather than replacing anything at <paramref name="to"/>.</summary>
    public void RenameNoReplace(string from, string to)
    {
        using var source = Walk(from, followLast: false);
        using var target = Walk(to, followLast: false);
        var sourceDirectory = source.RequireParent();
        var targetDirectory = target.RequireParent();
        if (targetDirectory.StatEntry(target.Name).Exists)
        {
            throw new HardeningException($"{to}: already exists; {from} was not moved");
        }

        sourceDirectory.RenameNoReplace(source.Name, targetDirectory, target.Name);
        targetDirectory.Sync();
    }

    /// <summary>
    /// Points <paramref name="path"/> at <paramref name="target"/>: where nothing is, or in
    /// place of the link to <paramref name="expectedOldTarget"/>, atomically, so readers see
    /// the old link or the new one, never none. Anything else found there stays untouched.
    /// </summary>
    public void SetSymlink(string path, string target, string? expectedOldTarget)
    {
        using var walked = Walk(path, followLast: false);
        var directory = walked.RequireParent();
        directory.PlaceSymlink(walked.Name, target, expectedOldTarget);
        directory.Sync();
    }

    /// <summary>
    /// Changes the owner of a directory through its own descriptor, never through a link. A
    /// directory owned by someone other than the account that owns the directory holding it is
    /// refused: that account could have moved it there to have it handed over.
    /// </summary>
    public void SetDirectoryOwner(string path, uint userId, uint groupId)
    {
        using var walked = Walk(path, followLast: false);
        var parent = walked.RequireParent();
        using var directory = parent.TryOpenDirectory(walked.Name) ?? throw new FileChangedSinceCheckException(path);
        Descriptors.PathWalker.RefuseUnsafeTransition(parent, directory.Node, path, OwnerName);
        directory.SetOwnerAndMode(userId, groupId, mode: null);
    }

    /// <summary>Removes one of the agent's own files (never a directory); nothing happens when it is absent.</summary>
    public void RemoveFile(string path)
    {
        using var walked = Walk(path, followLast: false);
        if (walked.Parent is { } directory && directory.Unlink(walked.Name))
        {
            directory.Sync();
        }
    }
}
