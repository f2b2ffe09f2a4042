namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// Who listens where, the way <c>ss -lntupx</c> would show it: the kernel's socket tables
/// (from /proc/net, or over sock_diag on the running system), tied to processes through their
/// descriptors. Both show the reading process's own network namespace, so the agent must
/// share the host's.
/// </summary>
/// <param name="files">The appliance's file tree; its /proc is read (the live one on "/").</param>
public sealed class ListenerProbe(RootedFileSystem files)
{
    private static readonly (string Path, Transport Transport, bool MayBeAbsent)[] InetTables =
    [
        ("/proc/net/tcp", Transport.Tcp, false),
        ("/proc/net/tcp6", Transport.Tcp, true),
        ("/proc/net/udp", Transport.Udp, false),
        ("/proc/net/udp6", Transport.Udp, true),
    ];

    private bool AsksKernel { get; init; }

    /// <summary>
    /// Every listening TCP socket and every UDP socket, IPv4 and IPv6, in the kernel's order
    /// (tcp, tcp6, udp, udp6). Lines the probe cannot parse are skipped.
    /// </summary>
    /// <exception cref="Errors.HardeningException">A table is missing (tcp6 and udp6 may be), unreadable or has an unknown header.</exception>
    public IReadOnlyList<Listener> Listeners()
    {
        var rows = InetRows();
        var owners = SocketOwners.Find(files, rows.Select(entry => entry.Row.Inode).ToHashSet());

        // The kernel prints a table a page at a time; a socket that moves in its hash
        // bucket between two reads can be printed twice.
        return [.. rows
            .Select(entry => new Listener(entry.Transport, entry.Row.Address, entry.Row.Port, entry.Row.Inode, entry.Row.UserId, owners.GetValueOrDefault(entry.Row.Inode)))
            .Distinct()];
    }

    /// <summary>
    /// The running system's own sockets (files rooted at "/"): the same rows, asked of the
    /// kernel over sock_diag, which costs a fraction of reading /proc/net/tcp; /proc/net where
    /// the kernel does not answer.
    /// </summary>
    public static ListenerProbe ForRunningSystem(RootedFileSystem files) => new(files) { AsksKernel = true };

    /// <summary>Every listening Unix stream socket, abstract ones included.</summary>
    /// <exception cref="Errors.HardeningException">/proc/net/unix is missing, unreadable or has an unknown header.</exception>
    public IReadOnlyList<UnixListener> UnixListeners()
    {
        // The kernel refuses listen() on an unbound socket, so a listener without a name is a damaged line.
        var rows = UnixListeningRows().Where(row => row.Path is not null).ToList();

        var owners = SocketOwners.Find(files, rows.Select(row => row.Inode).ToHashSet());
        return [.. rows.Select(row => new UnixListener(row.Path!, row.Inode, owners.GetValueOrDefault(row.Inode))).Distinct()];
    }

    /// <summary>
    /// Whether a process of the system unit <paramref name="unit"/> (by its cgroup) holds a
    /// listening TCP socket, a bound UDP socket or a listening Unix stream socket: one look
    /// over the processes, for all three at once. A socket PID 1 holds for a socket unit is
    /// PID 1's, so a socket-activated service shows none.
    /// </summary>
    /// <exception cref="Errors.HardeningException">A table is missing, unreadable or has an unknown header.</exception>
    public bool UnitListens(string unit)
    {
        var inodes = InetRows().Select(entry => entry.Row.Inode).Concat(UnixListeningRows().Select(row => row.Inode)).ToHashSet();
        return SocketOwners.Find(files, inodes).Values.Any(owner => owner.Unit == unit);
    }

    private List<(Transport Transport, InetSocketRow Row)> InetRows() => (AsksKernel ? SockDiag.TryReadInet() : null) ?? ProcNetRows();

    private IEnumerable<UnixSocketRow> UnixListeningRows() =>
        ProcNetFile.DataLines(files, "/proc/net/unix", UnixSocketRow.Header, mayBeAbsent: false)
            .Select(UnixSocketRow.TryParse)
            .OfType<UnixSocketRow>()
            .Where(row => row.IsListeningStream);

    private List<(Transport Transport, InetSocketRow Row)> ProcNetRows()
    {
        var rows = new List<(Transport Transport, InetSocketRow Row)>();
        foreach (var (path, transport, mayBeAbsent) in InetTables)
        {
            rows.AddRange(ProcNetFile.DataLines(files, path, InetSocketRow.Header, mayBeAbsent)
                .Select(InetSocketRow.TryParse)
                .OfType<InetSocketRow>()
                .Where(row => transport == Transport.Udp || row.State == InetSocketRow.ListenState)
                .Select(row => (transport, row)));
        }

        return rows;
    }
}
