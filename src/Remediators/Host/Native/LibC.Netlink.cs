using System.Runtime.InteropServices;

namespace CloudSharkHardening.Remediators.Host.Native;

/// <summary>
/// Netlink sockets (man netlink(7), socket(2), bind(2), send(2), recv(2)): one that asks the
/// kernel (sock_diag) and one that listens to a multicast group (nf_tables), with the
/// eventfd(2) and poll(2) a reader thread blocks in until either the socket has messages or
/// someone asks it to stop.
/// </summary>
internal static partial class LibC
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockNonBlock = 0x800;
    public const int SockCloExec = 0x8_0000;
    public const int EfdNonBlock = 0x800;
    public const int EfdCloExec = 0x8_0000;
    public const short PollIn = 1;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOBUFS = 105;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, SockAddrNetlink* address, uint length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Receive(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    /// <summary>struct sockaddr_nl: the family, padding, the port id (0: the kernel assigns one) and the groups as a bit mask.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrNetlink
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
