using System.Runtime.InteropServices;

namespace CloudSharkHardening.Agent.Cli;

/// <summary>
/// What <c>--root</c> may name: an offline image, which is never this machine's own root.
/// An offline pass restarts nothing and locks the image, not the live system, so pointed at
/// "/" it would change live files past the live run's lock and leave their services running
/// the old ones. Refusing is plainer than quietly turning it into a live pass, which would
/// restart services the person asked to leave alone.
/// </summary>
internal static partial class OfflineRoot
{
    private const int AtFdCwd = -100;
    private const int FollowLinks = 0;
    private const uint StatxIno = 0x100;

    /// <summary>Why <paramref name="root"/> cannot be hardened offline, or <c>null</c> when it can.</summary>
    public static string? Problem(string root)
    {
        if (!Directory.Exists(root))
        {
            return $"--root {root}: no such directory";
        }

        // By identity, not by name: "/.", "//", "/tmp/.." and a link to "/" are all the live root.
        if (!TryIdentity(root, out var image, out var errno) || !TryIdentity("/", out var live, out errno))
        {
            return $"--root {root}: cannot tell whether it is the live system's root: {Marshal.GetPInvokeErrorMessage(errno)}";
        }

        return image == live
            ? $"--root {root} is this machine's own root, not an offline image: an offline pass restarts nothing and does not take the live run's lock; to harden the live system, run without --root"
            : null;
    }

    private static bool TryIdentity(string path, out (uint DeviceMajor, uint DeviceMinor, ulong Inode) identity, out int errno)
    {
        Span<byte> buffer = stackalloc byte[256];
        int result;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                result = Statx(AtFdCwd, path, FollowLinks, StatxIno, p);
            }
        }

        errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        // struct statx: stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140.
        identity = (BitConverter.ToUInt32(buffer[136..140]), BitConverter.ToUInt32(buffer[140..144]), BitConverter.ToUInt64(buffer[32..40]));
        return result == 0;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);
}
