using System.Runtime.InteropServices;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>
/// One pass at a time per tree, across processes: an exclusive <c>flock</c>, released by the
/// kernel when the holder exits, so a crashed run never leaves a stale lock behind.
/// </summary>
public sealed partial class RunLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int EWOULDBLOCK = 11;
    private const int OReadOnly = 0;
    private const int OCreate = 0x40;
    private const int OCloseOnExec = 0x80000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private int _fd;

    private RunLock(int fd) => _fd = fd;

    /// <summary>
    /// Takes the lock on <paramref name="hostPath"/> (a lock file, created if missing, or a
    /// directory), waiting up to <paramref name="timeout"/>; <c>null</c> if another run holds it.
    /// </summary>
    public static async Task<RunLock?> AcquireAsync(string hostPath, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // A directory (an offline root) is locked as itself; open(2) refuses O_CREAT on one.
        var flags = Directory.Exists(hostPath) ? OReadOnly | OCloseOnExec : OReadOnly | OCreate | OCloseOnExec;
        var fd = Open(hostPath, flags, 0x180 /* 0600 */);
        if (fd < 0)
        {
            throw new IOException($"cannot open lock {hostPath}: errno {Marshal.GetLastPInvokeError()}");
        }

        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (Flock(fd, LockExclusive | LockNonBlocking) == 0)
            {
                return new RunLock(fd);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != EWOULDBLOCK || time.GetUtcNow() >= deadline)
            {
                _ = Close(fd);
                return errno == EWOULDBLOCK ? null : throw new IOException($"cannot lock {hostPath}: errno {errno}");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Close(_fd);
            _fd = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
