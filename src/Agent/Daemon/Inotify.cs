using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// One inotify(7) descriptor and the thread that reads it, blocked in poll(2) while nothing
/// happens. Watches are placed on open directory descriptors, so what is watched is the
/// directory that was opened, never whatever a path resolves to by the time the kernel looks.
/// </summary>
internal sealed partial class Inotify : IDisposable
{
    private const int CloseOnExec = 0x8_0000; // IN_CLOEXEC, EFD_CLOEXEC
    private const short PollIn = 1;
    private const int Interrupted = 4; // EINTR
    private const int EventHeaderBytes = 16; // struct inotify_event: wd, mask, cookie, len

    private readonly SafeFileHandle _events;
    private readonly SafeFileHandle _wake; // an eventfd: written once to stop the reader
    private readonly Action<InotifyEvent> _onEvent;
    private readonly Thread _reader;

    public Inotify(Action<InotifyEvent> onEvent)
    {
        _onEvent = onEvent;
        _events = Descriptor(InotifyInit(CloseOnExec), "inotify_init1");
        _wake = Descriptor(EventFd(0, CloseOnExec), "eventfd");
        _reader = new Thread(Read) { IsBackground = true, Name = "inotify" };
        _reader.Start();
    }

    /// <summary>Watches the open <paramref name="directory"/>; the watch descriptor, or -1 when the kernel refuses (e.g. the watch limit).</summary>
    public int Watch(SafeFileHandle directory, InotifyEvents mask)
    {
        // The kernel resolves /proc/self/fd/N to exactly the directory behind the descriptor.
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{directory.DangerousGetHandle()}");
        return InotifyAddWatch(_events, path, (uint)mask);
    }

    public void Unwatch(int watch) => _ = InotifyRemoveWatch(_events, watch);

    public void Dispose()
    {
        Span<byte> one = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(one, 1);
        unsafe
        {
            fixed (byte* p = one)
            {
                _ = Write(_wake, p, 8);
            }
        }

        _reader.Join();

        _events.Dispose();
        _wake.Dispose();
    }

    private static SafeFileHandle Descriptor(int fd, string call) =>
        fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    private unsafe void Read()
    {
        var buffer = new byte[16 * 1024];
        var fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = (int)_events.DangerousGetHandle(), Events = PollIn };
        fds[1] = new PollFd { Fd = (int)_wake.DangerousGetHandle(), Events = PollIn };
        while (true)
        {
            if (Poll(fds, 2, -1) < 0)
            {
                if (Marshal.GetLastPInvokeError() == Interrupted)
                {
                    continue;
                }

                return;
            }

            if (fds[1].Revents != 0)
            {
                return;
            }

            nint read;
            fixed (byte* p = buffer)
            {
                read = ReadBytes(_events, p, (nuint)buffer.Length);
            }

            if (read < 0 && Marshal.GetLastPInvokeError() != Interrupted)
            {
                return; // no watch works any more; the daemon's interval passes still run
            }

            for (var offset = 0; offset + EventHeaderBytes <= read;)
            {
                var header = buffer.AsSpan(offset);
                var nameBytes = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
                var name = header.Slice(EventHeaderBytes, nameBytes);
                var end = name.IndexOf((byte)0);
                _onEvent(new InotifyEvent(
                    BinaryPrimitives.ReadInt32LittleEndian(header),
                    (InotifyEvents)BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                    Encoding.UTF8.GetString(end < 0 ? name : name[..end])));
                offset += EventHeaderBytes + nameBytes;
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(SafeFileHandle inotify, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "inotify_rm_watch", SetLastError = true)]
    private static partial int InotifyRemoveWatch(SafeFileHandle inotify, int watch);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadBytes(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(SafeFileHandle fd, byte* buffer, nuint count);
}
