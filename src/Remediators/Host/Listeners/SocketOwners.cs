using System.Globalization;

namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// Maps socket inodes to the processes holding them, the way <c>ss -p</c> does: every
/// <c>/proc/PID/fd/N</c> of a socket is a link to <c>socket:[INODE]</c>.
/// </summary>
internal static class SocketOwners
{
    private const string SocketLinkPrefix = "socket:[";

    /// <summary>
    /// One pass over every process's descriptors for all the wanted inodes at once. When
    /// several processes share a socket (a pre-forking server, systemd holding a socket unit's
    /// socket for its service) the lowest pid is reported: the parent, or systemd.
    /// </summary>
    public static IReadOnlyDictionary<long, SocketOwner> Find(RootedFileSystem files, IReadOnlySet<long> inodes)
    {
        var owners = new Dictionary<long, SocketOwner>();
        if (inodes.Count == 0)
        {
            return owners;
        }

        var managerCgroup = ReadOrNull(files.HostPath("/proc/1/cgroup"));
        foreach (var processId in ProcessIds(files.HostPath("/proc")))
        {
            var processDirectory = files.HostPath($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}");
            var held = HeldSockets(processDirectory).Where(inode => inodes.Contains(inode) && !owners.ContainsKey(inode)).ToList();
            if (held.Count == 0 || Describe(processId, processDirectory, managerCgroup) is not { } owner)
            {
                continue;
            }

            foreach (var inode in held)
            {
                owners[inode] = owner;
            }

            // Pids come in ascending order, so every owner found is already the lowest; the
            // rest of the processes (on an appliance, hundreds of workers) cannot change one.
            if (owners.Count == inodes.Count)
            {
                break;
            }
        }

        return owners;
    }

    private static IEnumerable<int> ProcessIds(string procDirectory) =>
        Directory.EnumerateDirectories(procDirectory)
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var processId) ? processId : 0)
            .Where(processId => processId > 0)
            .Order();

    /// <summary>
    /// The socket inodes among a process's descriptors; none when the process has exited or
    /// its descriptors are closed to us (another user's process without CAP_SYS_PTRACE).
    /// </summary>
    private static List<long> HeldSockets(string processDirectory)
    {
        var inodes = new List<long>();
        List<string> descriptors;
        try
        {
            descriptors = Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd")).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return inodes;
        }

        foreach (var descriptor in descriptors)
        {
            if (SocketInode(descriptor) is { } inode)
            {
                inodes.Add(inode);
            }
        }

        return inodes;
    }

    private static long? SocketInode(string descriptor)
    {
        string? target;
        try
        {
            // The link's own text: following it would open the socket, not name it.
            target = new FileInfo(descriptor).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // closed between listing the directory and reading the link
        }

        return target is not null && target.StartsWith(SocketLinkPrefix, StringComparison.Ordinal) && target.EndsWith(']')
            && long.TryParse(target.AsSpan(SocketLinkPrefix.Length, target.Length - SocketLinkPrefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
    }

    /// <summary>The owner, or <c>null</c> when the process exited before its name could be read.</summary>
    private static SocketOwner? Describe(int processId, string processDirectory, string? managerCgroup)
    {
        var name = ReadOrNull(Path.Combine(processDirectory, "comm"));
        if (name is null)
        {
            return null;
        }

        var cgroup = ReadOrNull(Path.Combine(processDirectory, "cgroup"));
        return new SocketOwner(processId, name.TrimEnd('\n'), cgroup is null ? null : CgroupUnit.From(cgroup, managerCgroup));
    }

    private static string? ReadOrNull(string hostPath)
    {
        try
        {
            return File.ReadAllText(hostPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
