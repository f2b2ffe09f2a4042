using System.Runtime.InteropServices;
using CloudSharkHardening.Remediators.Host.Native;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// A directory of this machine by device and inode, links followed: "/", "//", "/tmp/.." and a
/// link to "/" are one directory, whatever their spelling.
/// </summary>
public readonly record struct DirectoryIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    private const int FollowLinks = 0;
    private const uint StatxInode = 0x100;

    /// <summary>The identity, or <c>null</c> with <paramref name="problem"/> saying why it cannot be read.</summary>
    public static DirectoryIdentity? Of(string hostPath, out string? problem)
    {
        Span<byte> buffer = stackalloc byte[256];
        int result;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                result = LibC.Statx(LibC.AtFdCwd, hostPath, FollowLinks, StatxInode, p);
            }
        }

        if (result != 0)
        {
            problem = LibC.Describe(Marshal.GetLastPInvokeError());
            return null;
        }

        problem = null;
        // struct statx: stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140.
        return new DirectoryIdentity(BitConverter.ToUInt32(buffer[136..140]), BitConverter.ToUInt32(buffer[140..144]), BitConverter.ToUInt64(buffer[32..40]));
    }
}
