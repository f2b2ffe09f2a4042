using System.Runtime.InteropServices;
using CloudSharkHardening.Remediators.Host;
using Microsoft.Win32.SafeHandles;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Opens a directory below the root one component at a time, never following a link
/// (<c>O_PATH|O_NOFOLLOW|O_DIRECTORY</c>): a watch placed through the descriptor lies where
/// the path is, never where a link that another account planted points.
/// </summary>
internal static partial class NoFollowDirectory
{
    // x86-64 values (the agent ships for linux-x64 only).
    private const int OPath = 0x20_0000;
    private const int ODirectory = 0x1_0000;
    private const int ONoFollow = 0x2_0000;
    private const int OCloExec = 0x8_0000;

    /// <summary>
    /// The directory at <paramref name="path"/> (an appliance path below <paramref name="hostRoot"/>),
    /// or <c>null</c> when a component is missing, not a directory, or a link.
    /// </summary>
    public static SafeFileHandle? Open(string hostRoot, string path)
    {
        // The root itself is the one trusted start: "/" live, the image's directory offline.
        var current = Wrap(OpenRoot(hostRoot, OPath | ODirectory | OCloExec));
        foreach (var part in AppliancePath.Split(path))
        {
            if (current is null)
            {
                return null;
            }

            using var parent = current;
            current = Wrap(OpenAt(parent, part, OPath | ODirectory | ONoFollow | OCloExec));
        }

        return current;
    }

    private static SafeFileHandle? Wrap(int fd) => fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRoot(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(SafeFileHandle directory, string name, int flags);
}
