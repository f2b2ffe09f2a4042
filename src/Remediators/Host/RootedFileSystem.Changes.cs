using System.Runtime.InteropServices;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Native;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>The few structural changes rules make; file content goes through <see cref="SafeFileWriter"/>.</summary>
public sealed partial class RootedFileSystem
{
    /// <summary>Creates one directory; an existing directory is left as it is.</summary>
    public void CreateDirectory(string path, uint userId, uint groupId, UnixFileMode mode)
    {
        var hostPath = HostPath(path);
        var node = Stat(path);
        if (node.Kind == FileNodeKind.Directory)
        {
            return;
        }

        if (node.Exists)
        {
            throw new HardeningException($"{path}: exists and is not a directory; not replaced");
        }

        Directory.CreateDirectory(hostPath, mode);
        SetOwner(path, userId, groupId);
        File.SetUnixFileMode(hostPath, mode); // the umask trimmed the mode given to mkdir
        FsyncDirectory(AppliancePath.Parent(path));
    }

    /// <summary>Renames within one file system, failing rather than replacing anything at <paramref name="to"/>.</summary>
    public void RenameNoReplace(string from, string to)
    {
        if (Stat(to).Exists)
        {
            throw new HardeningException($"{to}: already exists; {from} was not moved");
        }

        if (LibC.RenameAt2(LibC.AtFdCwd, HostPath(from), LibC.AtFdCwd, HostPath(to), LibC.RenameNoReplace) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new HardeningException($"cannot move {from} to {to}: {LibC.Describe(errno)}");
        }

        FsyncDirectory(AppliancePath.Parent(to));
    }

    /// <summary>
    /// Points <paramref name="path"/> at <paramref name="target"/> by renaming a fresh link
    /// over it, so readers see the old link or the new one, never none. Refuses to replace
    /// anything but the expected old link.
    /// </summary>
    public void SetSymlink(string path, string target, string? expectedOldTarget)
    {
        var node = Stat(path);
        var isExpected = expectedOldTarget is null
            ? !node.Exists
            : node.Kind == FileNodeKind.Symlink && node.LinkTarget == expectedOldTarget;
        if (!isExpected)
        {
            throw new FileChangedSinceCheckException(path);
        }

        var temporary = AppliancePath.Combine(AppliancePath.Parent(path), $".{AppliancePath.FileName(path)}.cloudshark-hardening.link");
        var temporaryHostPath = HostPath(temporary);
        if (Stat(temporary).Kind == FileNodeKind.Symlink)
        {
            File.Delete(temporaryHostPath); // our own leftover from an interrupted run
        }

        File.CreateSymbolicLink(temporaryHostPath, target);
        // rename(2) replaces a symlink but fails with EISDIR on a directory: data cannot be lost.
        if (LibC.Rename(temporaryHostPath, HostPath(path)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            File.Delete(temporaryHostPath);
            throw new HardeningException($"cannot link {path} to {target}: {LibC.Describe(errno)}");
        }

        FsyncDirectory(AppliancePath.Parent(path));
    }

    /// <summary>Changes the owner of the path itself; a symlink's target is never touched.</summary>
    public void SetOwner(string path, uint userId, uint groupId)
    {
        if (LibC.LChown(HostPath(path), userId, groupId) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new HardeningException($"cannot change the owner of {path}: {LibC.Describe(errno)}");
        }
    }

    internal void FsyncDirectory(string path)
    {
        var fd = LibC.Open(HostPath(path), LibC.ORdOnly | LibC.ODirectory | LibC.OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new HardeningException($"cannot open directory {path} to sync it: {LibC.Describe(errno)}");
        }

        try
        {
            // Some file systems refuse fsync on a directory; the rename is still done.
            _ = LibC.FSync(fd);
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }
}
