using System.Runtime.InteropServices;

namespace CloudSharkHardening.Remediators.Host.Native;

/// <summary>
/// The descriptor-relative calls the path walker is built on (man openat(2), mkdirat(2),
/// fchownat(2), renameat2(2), symlinkat(2), unlinkat(2), readlinkat(2)). Each acts on one
/// name inside a directory the agent already holds open, so nothing between the root and
/// that directory can be swapped underneath it.
/// </summary>
internal static partial class LibC
{
    public const int AtEmptyPath = 0x1000;
    public const uint RenameExchange = 2;

    public const int OWriteOnly = 0x1;
    public const int OCreate = 0x40;
    public const int OExclusive = 0x80;
    public const int ONoCtty = 0x100;
    public const int OAppend = 0x400;
    public const int ONonBlock = 0x800;

    public const int ELOOP = 40;
    public const int ENOTDIR = 20;

    /// <summary>O_DIRECTORY: its value differs between architectures (0x4000 on arm64).</summary>
    public static int ODirectory => IsArm64 ? 0x4000 : 0x10000;

    /// <summary>O_NOFOLLOW: 0x8000 on arm64, 0x20000 on x86_64.</summary>
    public static int ONoFollow => IsArm64 ? 0x8000 : 0x20000;


    private static bool IsArm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int dirFd, string path, int flags, uint mode);


    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint ReadLinkAt(int dirFd, string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkdirAt(int dirFd, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SymlinkAt(string target, int dirFd, string path);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int FChmod(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "fgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint FGetXAttr(int fd, string name, byte* value, nuint size);

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int FSetXAttr(int fd, string name, byte* value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "fdopendir", SetLastError = true)]
    public static partial nint FdOpenDir(int fd);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    public static partial nint ReadDir(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)]
    public static partial int CloseDir(nint directory);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();
}
