using System.Runtime.InteropServices;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Native;
using Microsoft.Win32.SafeHandles;

namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>The changes the agent makes inside a directory it holds, each on one entry.</summary>
internal sealed partial class DirectoryHandle
{
    // What a directory is while the agent alone may use it: between mkdir and chown nobody
    // else can enter it, and a stranger's directory swapped in cannot look like it.
    private const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates a directory and gives it its owner and mode through a descriptor of the new
    /// directory itself, never by path: a process swapping it for a link between the calls
    /// makes this fail, not chmod whatever the link points to.
    /// </summary>
    public void MakeDirectory(string name, uint userId, uint groupId, UnixFileMode mode)
    {
        if (LibC.MkdirAt(Fd, name, (uint)PrivateDirectoryMode) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == LibC.EEXIST ? new FileChangedSinceCheckException(Child(name)) : Failure("create", name, errno);
        }

        using var created = TryOpenDirectory(name)
            ?? throw new UnsafePathException(Child(name), $"{Child(name)} was replaced by something that is not a directory right after it was created; nothing was changed on it");
        var node = created.Node;
        const UnixFileMode Permissions = (UnixFileMode)0x1FF;
        if (node.UserId != LibC.GetEffectiveUserId() || (node.Mode & Permissions) != PrivateDirectoryMode || node.LinkCount != 2)
        {
            throw new UnsafePathException(Child(name), $"{Child(name)} was replaced by another directory (owner uid {node.UserId}, mode {Octal(node.Mode)}) right after it was created; nothing was changed on it");
        }

        // A set-group-id parent passes its bit on (captures keep the group): keep it.
        created.SetOwnerAndMode(userId, groupId, mode | (node.Mode & UnixFileMode.SetGroup));
        Sync();
    }

    /// <summary>fchown, then fchmod (a chown clears set-id bits), on this directory's own descriptor.</summary>
    public void SetOwnerAndMode(uint userId, uint groupId, UnixFileMode? mode)
    {
        if (LibC.FChown(Fd, userId, groupId) != 0)
        {
            throw new HardeningException($"cannot change the owner of {Path}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }

        if (mode is { } wanted && LibC.FChmod(Fd, (uint)wanted) != 0)
        {
            throw new HardeningException($"cannot change the mode of {Path}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Renames an entry into <paramref name="target"/> (maybe this directory), failing rather than replacing anything.</summary>
    public void RenameNoReplace(string name, DirectoryHandle target, string newName)
    {
        if (LibC.RenameAt2(Fd, name, target.Fd, newName, LibC.RenameNoReplace) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new HardeningException($"cannot move {Child(name)} to {target.Child(newName)}: {LibC.Describe(errno)}");
        }
    }

    /// <summary>
    /// Makes <paramref name="name"/> a symlink to <paramref name="target"/> where it is absent
    /// (<paramref name="expectedOldTarget"/> null) or a link to <paramref name="expectedOldTarget"/>.
    /// The old entry is swapped out atomically (RENAME_EXCHANGE) and looked at before it is
    /// removed, so a file or directory someone put there in the meantime is put back, never lost.
    /// </summary>
    public void PlaceSymlink(string name, string target, string? expectedOldTarget)
    {
        var temporary = $".{name}.cloudshark-hardening.{Guid.NewGuid():N}";
        if (LibC.SymlinkAt(target, Fd, temporary) != 0)
        {
            throw Failure("create a link beside", name, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (expectedOldTarget is null)
            {
                if (LibC.RenameAt2(Fd, temporary, Fd, name, LibC.RenameNoReplace) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw errno == LibC.EEXIST ? new FileChangedSinceCheckException(Child(name)) : Failure("link", name, errno);
                }

                return;
            }

            if (LibC.RenameAt2(Fd, temporary, Fd, name, LibC.RenameExchange) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw errno == LibC.ENOENT ? new FileChangedSinceCheckException(Child(name)) : Failure("swap the link", name, errno);
            }

            var old = StatEntry(temporary);
            if (old.Kind != FileNodeKind.Symlink || old.LinkTarget != expectedOldTarget)
            {
                // Not the link the check saw: give it its name back and leave it alone.
                _ = LibC.RenameAt2(Fd, temporary, Fd, name, LibC.RenameExchange);
                throw new FileChangedSinceCheckException(Child(name));
            }
        }
        finally
        {
            // Only ever our own link: the new one when placing failed, the checked old one after.
            if (StatEntry(temporary).Kind == FileNodeKind.Symlink)
            {
                _ = LibC.UnlinkAt(Fd, temporary, 0);
            }
        }
    }

    /// <summary>Creates a new file (O_CREAT|O_EXCL|O_NOFOLLOW): never opens one someone else made or linked.</summary>
    public SafeFileHandle CreateExclusive(string name, UnixFileMode mode)
    {
        var fd = LibC.OpenAt(Fd, name, LibC.OWriteOnly | LibC.OCreate | LibC.OExclusive | LibC.ONoFollow | LibC.OCloExec, (uint)mode);
        // Named by its directory: a temp file's random name would make each failure read differently.
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw new HardeningException($"cannot create a new file in {Path}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>
    /// Opens the agent's own append-only file, creating it if missing; refuses anything that is
    /// not a plain, singly linked file the agent owns (a hard link would append to its other name).
    /// </summary>
    public SafeFileHandle OpenOwnFileForAppend(string name, UnixFileMode mode)
    {
        var fd = LibC.OpenAt(Fd, name, LibC.OWriteOnly | LibC.OAppend | LibC.OCreate | LibC.ONoFollow | LibC.ONonBlock | LibC.OCloExec, (uint)mode);
        if (fd < 0)
        {
            throw Failure("open", name, Marshal.GetLastPInvokeError());
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var node = Statx.At(fd, "", out var errno);
        if (node is not { Kind: FileNodeKind.File, LinkCount: 1 } || node.UserId != LibC.GetEffectiveUserId())
        {
            handle.Dispose();
            throw node is null ? Failure("stat", name, errno) : new UnsafePathException(Child(name), $"{Child(name)} is not the agent's own file (a {node.Kind} with {node.LinkCount} links, owner uid {node.UserId}); nothing was written to it");
        }

        return handle;
    }

    /// <summary>rename(2) within this directory: replaces <paramref name="newName"/> atomically.</summary>
    public void Rename(string name, string newName)
    {
        if (LibC.RenameAt2(Fd, name, Fd, newName, 0) != 0)
        {
            // Named by what it replaces, so the same refusal reads the same on every pass (the
            // daemon pauses a rule that fails the same way again and again).
            throw new HardeningException($"cannot rename the new copy over {Child(newName)}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Removes a file or link entry (never a directory); false when it was not there.</summary>
    public bool Unlink(string name)
    {
        if (LibC.UnlinkAt(Fd, name, 0) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == LibC.ENOENT ? false : throw Failure("remove", name, errno);
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
