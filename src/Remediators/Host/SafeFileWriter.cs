using System.Runtime.InteropServices;
using System.Text;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Descriptors;
using CloudSharkHardening.Remediators.Host.Native;
using Microsoft.Win32.SafeHandles;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// Replaces a file so that, whatever happens, it holds either its old bytes or all of its
/// new ones: back up, write a temp file beside it, fsync, copy mode/owner/SELinux label,
/// rename over, fsync the directory. Unchanged content is never written. Everything happens
/// in the file's directory held by descriptor, so no link can redirect a step.
/// </summary>
public sealed class SafeFileWriter(RootedFileSystem files, BackupStore backups)
{
    private const string SelinuxAttribute = "security.selinux";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="after"/> to <paramref name="path"/> (trusted symlinks followed
    /// inside the root) if the file still holds <paramref name="expectedBefore"/> (<c>null</c>:
    /// absent). Returns false when the file already held <paramref name="after"/>.
    /// </summary>
    public ValueTask<bool> ReplaceAsync(string path, string? expectedBefore, string after, UnixFileMode newFileMode, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var walked = files.Walk(path, followLast: true);
        var target = walked.Path;
        var directory = walked.Parent ?? throw new HardeningException($"{target}: could not be written: its directory {AppliancePath.Parent(target)} does not exist");
        var node = directory.StatEntry(walked.Name);
        if (node.Exists && node.Kind != FileNodeKind.File)
        {
            throw new UnsupportedFileException(target, "is not a regular file");
        }

        byte[]? current = null;
        byte[]? label = null;
        if (node.Exists)
        {
            using var original = directory.OpenFileForReading(walked.Name, out node) ?? throw new FileChangedSinceCheckException(target);
            PathWalker.RefuseUnsafeTransition(directory, node, target, files.OwnerName);
            current = FileContent.ReadAll(original, node, target, RootedFileSystem.MaxTextFileBytes);
            label = ReadSelinuxLabel(original);
        }

        var wanted = Utf8.GetBytes(after);
        if (current is not null && current.AsSpan().SequenceEqual(wanted))
        {
            return ValueTask.FromResult(false);
        }

        var currentText = current is null ? null : Utf8.GetString(current);
        if (currentText != expectedBefore)
        {
            throw new FileChangedSinceCheckException(target);
        }

        backups.Save(target, current, node);
        WriteAndRename(directory, walked.Name, target, wanted, current is null ? null : node, label, newFileMode);
        return ValueTask.FromResult(true);
    }

    /// <summary>
    /// Writes the agent's own state (reports, intents, backups' objects): atomically and
    /// durably like any other file, without a backup, in a directory only root can write
    /// (made when missing); readable by root only unless told otherwise.
    /// </summary>
    public void WriteStateFile(string path, string content, UnixFileMode mode = OwnerOnly)
    {
        using var directory = files.OpenPrivateDirectory(AppliancePath.Parent(path));
        WriteAndRename(directory, AppliancePath.FileName(path), path, Utf8.GetBytes(content), original: null, label: null, mode);
    }

    /// <summary>
    /// Writes a file for another program to read (node_exporter's textfile collector) into a
    /// directory that must already exist and may belong to that program's account: the temp
    /// file is made with O_EXCL|O_NOFOLLOW and renamed over, so nothing there can redirect it.
    /// </summary>
    public void Publish(string path, string content, UnixFileMode mode)
    {
        using var walked = files.Walk(path, followLast: false);
        WriteAndRename(walked.RequireParent(), walked.Name, walked.Path, Utf8.GetBytes(content), original: null, label: null, mode);
    }

    internal static void WriteAndRename(DirectoryHandle directory, string name, string target, ReadOnlySpan<byte> content, FileNode? original, byte[]? label, UnixFileMode newFileMode)
    {
        var temporary = $".{name}.cloudshark-hardening.{Guid.NewGuid():N}";
        try
        {
            // O_EXCL|O_NOFOLLOW under a random name: never follow or reuse someone else's file.
            using (var handle = directory.CreateExclusive(temporary, OwnerOnly))
            {
                using var stream = new FileStream(handle, FileAccess.Write, bufferSize: 0);
                stream.Write(content);
                stream.Flush(flushToDisk: true);
                if (stream.Length != content.Length)
                {
                    throw new IOException($"wrote {stream.Length} of {content.Length} bytes");
                }

                var fd = (int)handle.DangerousGetHandle();
                if (original is not null && LibC.FChown(fd, original.UserId, original.GroupId) != 0)
                {
                    throw new IOException($"cannot copy the owner: {LibC.Describe(Marshal.GetLastPInvokeError())}");
                }

                File.SetUnixFileMode(handle, original?.Mode ?? newFileMode);
                WriteSelinuxLabel(handle, label);
            }

            directory.Rename(temporary, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HardeningException)
        {
            TryRemove(directory, temporary);
            throw new HardeningException($"{target}: could not be replaced ({e.Message}); the original is intact", innerException: e);
        }

        directory.Sync();
    }

    /// <summary>
    /// A renamed file keeps the temp file's label, not the original's; on SELinux hosts that
    /// would leave e.g. /etc/my.cnf unreadable to mysqld. Without SELinux there is no label.
    /// </summary>
    private static unsafe byte[]? ReadSelinuxLabel(SafeFileHandle file)
    {
        Span<byte> label = stackalloc byte[256];
        nint length;
        fixed (byte* p = label)
        {
            length = LibC.FGetXAttr((int)file.DangerousGetHandle(), SelinuxAttribute, p, (nuint)label.Length);
        }

        return length <= 0 ? null : label[..(int)length].ToArray();
    }

    private static unsafe void WriteSelinuxLabel(SafeFileHandle file, byte[]? label)
    {
        if (label is null)
        {
            return;
        }

        fixed (byte* p = label)
        {
            if (LibC.FSetXAttr((int)file.DangerousGetHandle(), SelinuxAttribute, p, (nuint)label.Length, 0) != 0)
            {
                throw new IOException($"cannot copy the SELinux label: {LibC.Describe(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    private static void TryRemove(DirectoryHandle directory, string temporary)
    {
        try
        {
            directory.Unlink(temporary);
        }
        catch (HardeningException)
        {
            // The temp file is our own and hidden; a later run removes nothing of the user's.
        }
    }
}
