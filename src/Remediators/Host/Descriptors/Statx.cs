using System.Runtime.InteropServices;
using CloudSharkHardening.Remediators.Host.Native;

namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>
/// <c>statx(2)</c> of one name relative to a directory descriptor, never following a link,
/// or of the descriptor itself (an empty name with AT_EMPTY_PATH).
/// </summary>
internal static class Statx
{
    /// <summary>The status, or <c>null</c> with <paramref name="errno"/> set when the call failed.</summary>
    public static FileNode? At(int directoryFd, string name, out int errno)
    {
        Span<byte> buffer = stackalloc byte[256];
        int result;
        var flags = LibC.AtSymlinkNoFollow | (name.Length == 0 ? LibC.AtEmptyPath : 0);
        unsafe
        {
            fixed (byte* p = buffer)
            {
                result = LibC.Statx(directoryFd, name, flags, LibC.StatxBasicStats, p);
            }
        }

        if (result != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        return Parse(buffer);
    }

    /// <summary>struct statx: nlink at 16, uid at 20, gid at 24, mode (u16) at 28, size at 40.</summary>
    public static FileNode Parse(ReadOnlySpan<byte> buffer)
    {
        var links = BitConverter.ToUInt32(buffer[16..20]);
        var uid = BitConverter.ToUInt32(buffer[20..24]);
        var gid = BitConverter.ToUInt32(buffer[24..28]);
        var mode = BitConverter.ToUInt16(buffer[28..30]);
        var size = BitConverter.ToInt64(buffer[40..48]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileNodeKind.File,
            0x4000 => FileNodeKind.Directory,
            0xA000 => FileNodeKind.Symlink,
            _ => FileNodeKind.Other,
        };
        return new FileNode(kind, (UnixFileMode)(mode & 0xFFF), uid, gid, size, null) { LinkCount = links };
    }
}
