using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CloudSharkHardening.Remediators.Host.Native;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// A netlink socket subscribed to the kernel's nf_tables change notifications
/// (NETLINK_NETFILTER, group NFNLGRP_NFTABLES: what <c>nft monitor</c> listens to) in the
/// network namespace it was opened in. Every committed change to an nf_tables ruleset, which
/// is what iptables-nft loads, arrives as messages; the legacy backend sends none. Subscribing
/// needs CAP_NET_ADMIN. One thread calls <see cref="Wait"/>; any thread may call <see cref="Stop"/>.
/// </summary>
public sealed class NfTablesSocket : IDisposable
{
    private const int NetlinkNetfilter = 12;
    private const int GroupNfTables = 7;
    private const int DontWait = 0x40; // MSG_DONTWAIT

    // A notification is one message per datagram, a rule's a few hundred bytes; this never truncates one.
    private const int ReceiveBytes = 64 * 1024;

    private readonly int _socket;
    private readonly int _wake; // an eventfd: written once to make Wait return
    private readonly byte[] _buffer = new byte[ReceiveBytes];
    private int _disposed;

    private NfTablesSocket(int socket, int wake)
    {
        _socket = socket;
        _wake = wake;
    }

    /// <summary>Opens and subscribes the socket in the calling thread's network namespace.</summary>
    /// <exception cref="IOException">The kernel refused (no CAP_NET_ADMIN, no nfnetlink, a sandbox without AF_NETLINK); the message says which call and why.</exception>
    public static unsafe NfTablesSocket Open()
    {
        var socket = Checked(LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloExec | LibC.SockNonBlock, NetlinkNetfilter), "socket(AF_NETLINK, NETLINK_NETFILTER)", -1);
        var address = new LibC.SockAddrNetlink { Family = LibC.AfNetlink, Groups = 1u << (GroupNfTables - 1) };
        Checked(LibC.Bind(socket, &address, (uint)sizeof(LibC.SockAddrNetlink)), "bind to NFNLGRP_NFTABLES", socket);
        var wake = Checked(LibC.EventFd(0, LibC.EfdCloExec | LibC.EfdNonBlock), "eventfd", socket);
        return new NfTablesSocket(socket, wake);
    }

    /// <summary>
    /// Blocks until notifications that change an iptables filter table arrive, then reads
    /// every one queued; others' tables are read and passed over. <c>null</c> once
    /// <see cref="Stop"/> was called.
    /// </summary>
    /// <exception cref="IOException">The socket failed; nothing more will arrive on it.</exception>
    public unsafe NfTablesReading? Wait()
    {
        var fds = stackalloc LibC.PollFd[2];
        while (true)
        {
            fds[0] = new LibC.PollFd { Fd = _socket, Events = LibC.PollIn };
            fds[1] = new LibC.PollFd { Fd = _wake, Events = LibC.PollIn };
            if (LibC.Poll(fds, 2, -1) < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == LibC.EINTR)
                {
                    continue;
                }

                throw Failure("poll", error);
            }

            if (fds[1].Revents != 0)
            {
                return null;
            }

            if (Drain() is { } reading)
            {
                return reading;
            }
        }
    }

    /// <summary>Makes <see cref="Wait"/> return <c>null</c>, now or at its next call.</summary>
    public unsafe void Stop()
    {
        Span<byte> one = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(one, 1);
        fixed (byte* p = one)
        {
            _ = LibC.Write(_wake, p, 8);
        }
    }

    /// <summary>Closes the descriptors; call it once no thread is in <see cref="Wait"/> any more.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = LibC.Close(_socket);
            _ = LibC.Close(_wake);
        }
    }

    // Reads until the queue is empty. ENOBUFS: the queue overflowed and messages were dropped
    // (netlink(7)); the socket goes on, so what follows is still read.
    private unsafe NfTablesReading? Drain()
    {
        var (changes, lost) = (0, false);
        fixed (byte* p = _buffer)
        {
            while (true)
            {
                var read = LibC.Receive(_socket, p, (nuint)_buffer.Length, DontWait);
                if (read < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == LibC.EAGAIN)
                    {
                        break;
                    }

                    if (error == LibC.ENOBUFS)
                    {
                        lost = true;
                        continue;
                    }

                    if (error != LibC.EINTR)
                    {
                        throw Failure("recv", error);
                    }

                    continue;
                }

                changes += NfTablesMessages.CountFilterChanges(_buffer.AsSpan(0, (int)read));
            }
        }

        return changes > 0 || lost ? new NfTablesReading(changes, lost) : null;
    }

    private static int Checked(int result, string call, int opened)
    {
        if (result >= 0)
        {
            return result;
        }

        var error = Marshal.GetLastPInvokeError();
        if (opened >= 0)
        {
            _ = LibC.Close(opened);
        }

        throw Failure(call, error);
    }

    private static IOException Failure(string call, int error) => new($"{call}: {LibC.Describe(error)}");
}
