using System.Runtime.InteropServices;
using System.Text;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Native;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// Replaces a file so that, whatever happens, it holds either its old bytes or all of its
/// new ones: back up, write a temp file beside it, fsync, copy mode/owner/SELinux label,
/// rename over, fsync the directory. Unchanged content is never written.
/// </summary>
public sealed class SafeFileWriter(RootedFileSystem files, BackupStore backups)
{
    private const string SelinuxAttribute = "security.selinux";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="after"/> to <paramref name="path"/> (symlinks followed inside the
    /// root) if the file still holds <paramref name="expectedBefore"/> (<c>null</c>: absent).
    /// Returns false when the file already held <paramref name="after"/>.
    /// </summary>
    public ValueTask<bool> ReplaceAsync(string path, string? expectedBefore, string after, UnixFileMode newFileMode, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = files.ResolveLinks(path);
        var node = files.Stat(target);
        if (node.Exists && node.Kind != FileNodeKind.File)
        {
            throw new UnsupportedFileException(target, "is not a regular file");
        }

        var current = node.Exists ? files.ReadBytes(target) : null;
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
        WriteAndRename(target, wanted, node.Exists ? node : null, newFileMode);
        return ValueTask.FromResult(true);
    }

    /// <summary>
    /// Writes the agent's own state (reports, intents, metrics): atomically and durably like
    /// any other file, but without a backup; readable by root only unless told otherwise.
    /// </summary>
    public void WriteStateFile(string path, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var directory = AppliancePath.Parent(path);
        if (!files.Stat(directory).Exists)
        {
            Directory.CreateDirectory(files.HostPath(directory), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        WriteAndRename(path, Utf8.GetBytes(content), original: null, mode);
    }

    private void WriteAndRename(string target, byte[] content, FileNode? original, UnixFileMode newFileMode)
    {
        var directory = AppliancePath.Parent(target);
        var temporary = AppliancePath.Combine(directory, $".{AppliancePath.FileName(target)}.cloudshark-hardening.{Guid.NewGuid():N}");
        var temporaryHostPath = files.HostPath(temporary);
        try
        {
            using (var stream = new FileStream(temporaryHostPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, // O_EXCL: never follow or reuse someone else's file
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
                if (stream.Length != content.Length)
                {
                    throw new IOException($"wrote {stream.Length} of {content.Length} bytes");
                }

                var fd = (int)stream.SafeFileHandle.DangerousGetHandle();
                if (original is not null && LibC.FChown(fd, original.UserId, original.GroupId) != 0)
                {
                    throw new IOException($"cannot copy the owner: {LibC.Describe(Marshal.GetLastPInvokeError())}");
                }

                File.SetUnixFileMode(stream.SafeFileHandle, original?.Mode ?? newFileMode);
            }

            if (original is not null)
            {
                CopySelinuxLabel(files.HostPath(target), temporaryHostPath);
            }

            if (LibC.Rename(temporaryHostPath, files.HostPath(target)) != 0)
            {
                throw new IOException(LibC.Describe(Marshal.GetLastPInvokeError()));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporaryHostPath);
            throw new HardeningException($"{target}: could not be replaced ({e.Message}); the original is intact", innerException: e);
        }

        files.FsyncDirectory(directory);
    }

    /// <summary>
    /// A renamed file keeps the temp file's label, not the original's; on SELinux hosts that
    /// would leave e.g. /etc/my.cnf unreadable to mysqld. Without SELinux there is no label.
    /// </summary>
    private static unsafe void CopySelinuxLabel(string from, string to)
    {
        Span<byte> label = stackalloc byte[256];
        nint length;
        fixed (byte* p = label)
        {
            length = LibC.LGetXAttr(from, SelinuxAttribute, p, (nuint)label.Length);
        }

        if (length <= 0)
        {
            return;
        }

        fixed (byte* p = label)
        {
            if (LibC.LSetXAttr(to, SelinuxAttribute, p, (nuint)length, 0) != 0)
            {
                throw new IOException($"cannot copy the SELinux label: {LibC.Describe(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    private static void TryDelete(string hostPath)
    {
        try
        {
            File.Delete(hostPath);
        }
        catch (IOException)
        {
            // The temp file is our own and hidden; a later run removes nothing of the user's.
        }
    }
}
