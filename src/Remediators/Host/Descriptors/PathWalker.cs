using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>
/// Resolves an appliance path one component at a time from the root's descriptor, the way
/// systemd's chase() does with CHASE_SAFE: each directory is opened O_NOFOLLOW relative to
/// the one before, ".." pops the agent's own stack (it can never climb above the root, and a
/// directory renamed meanwhile cannot take it elsewhere), and absolute link targets start
/// again at the root, so an image's links never lead out of the image.
/// <para>
/// A symlink is followed only when root owns it and it sits in a directory only root can
/// write: anything else could have been planted by another account. A step from a directory
/// an unprivileged account owns to an object some other account owns is refused too (an
/// "unsafe transition"): that account could have moved a privileged directory there.
/// </para>
/// </summary>
/// <remarks>
/// One openat(O_NOFOLLOW) of a single name is exactly what openat2's RESOLVE_NO_SYMLINKS
/// gives for that name, and it works on every kernel the agent supports (EL 8 has no
/// openat2) and under seccomp filters that refuse openat2 (nspawn, older systemd units). The
/// walk has to stop at each component anyway to look at owners, so openat2 would save nothing.
/// </remarks>
internal static class PathWalker
{
    private const int MaxLinkHops = 40; // the kernel's own limit before ELOOP

    /// <summary>
    /// Walks from <paramref name="root"/> (which the walk owns and disposes) to the last
    /// component of <paramref name="path"/>, following trusted links on the
    /// way and, when <paramref name="followLast"/>, at the end; <paramref name="purpose"/> says
    /// whether unsafe ownership steps are refused (see <see cref="WalkPurpose"/>).
    /// </summary>
    public static WalkedPath Walk(DirectoryHandle root, string path, bool followLast, WalkPurpose purpose, Func<uint, string> ownerName)
    {
        var pending = new Stack<string>(AppliancePath.Split(path).Reverse());
        if (pending.Count == 0)
        {
            return new WalkedPath(root, "", "/");
        }

        var directories = new List<DirectoryHandle> { root };
        var names = new List<string>();
        var hops = 0;
        try
        {
            while (pending.Count > 0)
            {
                var part = pending.Pop();
                var current = directories[^1];
                if (part == "..")
                {
                    if (directories.Count > 1)
                    {
                        directories[^1].Dispose();
                        directories.RemoveAt(directories.Count - 1);
                        names.RemoveAt(names.Count - 1);
                    }

                    continue;
                }

                var isLast = pending.Count == 0;
                var child = isLast ? null : current.TryOpenDirectory(part);
                if (child is not null)
                {
                    if (purpose == WalkPurpose.Act)
                    {
                        RefuseUnsafeTransition(current, child.Node, current.Child(part), ownerName);
                    }

                    directories.Add(child);
                    names.Add(part);
                    continue;
                }

                var node = current.StatEntry(part);
                if (node.Kind == FileNodeKind.Symlink && (!isLast || followLast))
                {
                    RefuseUntrustedLink(current, part, node, ownerName);
                    if (++hops > MaxLinkHops)
                    {
                        throw new HardeningException($"{path}: too many levels of symbolic links");
                    }

                    Splice(node.LinkTarget ?? "", pending, directories, names);
                    continue;
                }

                if (isLast)
                {
                    var parent = directories[^1];
                    directories.RemoveAt(directories.Count - 1);
                    return new WalkedPath(parent, part, AppliancePath.Join(names.Append(part)));
                }

                // Missing, or a file where a directory belongs: nothing below it exists.
                return new WalkedPath(null, pending.Last(), AppliancePath.Join(names.Append(part).Concat(pending)));
            }

            // The path ended on ".." or a followed link: the walk stands in the directory itself.
            return End(directories, names);
        }
        finally
        {
            foreach (var directory in directories)
            {
                directory.Dispose();
            }
        }
    }

    /// <summary>
    /// When a walk ends inside a directory (the path was "/x/.." or a link to a directory),
    /// reopen that directory's parent so the caller still gets parent and name.
    /// </summary>
    private static WalkedPath End(List<DirectoryHandle> directories, List<string> names)
    {
        if (names.Count == 0)
        {
            var root = directories[0];
            directories.RemoveAt(0);
            return new WalkedPath(root, "", "/");
        }

        var parent = directories[^2];
        directories.RemoveAt(directories.Count - 2);
        return new WalkedPath(parent, names[^1], AppliancePath.Join(names));
    }

    private static void Splice(string target, Stack<string> pending, List<DirectoryHandle> directories, List<string> names)
    {
        if (target.StartsWith('/'))
        {
            foreach (var directory in directories.Skip(1))
            {
                directory.Dispose();
            }

            directories.RemoveRange(1, directories.Count - 1);
            names.Clear();
        }

        foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").Reverse())
        {
            pending.Push(piece);
        }
    }

    private static void RefuseUntrustedLink(DirectoryHandle directory, string name, FileNode link, Func<uint, string> ownerName)
    {
        if (link.UserId == 0 && directory.IsTrusted)
        {
            return;
        }

        var who = link.UserId != 0 ? $"it belongs to {ownerName(link.UserId)}" : $"its directory {directory.Path} is {Describe(directory.Node, ownerName)}";
        throw new UnsafePathException(directory.Child(name), $"{directory.Child(name)} is a symlink (to {link.LinkTarget}) that the agent does not follow: {who}, so another account could have put it there; nothing was changed");
    }

    /// <summary>systemd's uid_unsafe_transition: from a directory root does not own, only to objects of the same owner.</summary>
    internal static void RefuseUnsafeTransition(DirectoryHandle directory, FileNode child, string childPath, Func<uint, string> ownerName)
    {
        if (directory.Node.UserId != 0 && child.UserId != directory.Node.UserId)
        {
            throw new UnsafePathException(childPath, $"{childPath} belongs to {ownerName(child.UserId)} but lies in {directory.Path}, which {ownerName(directory.Node.UserId)} owns: that account could have put it there, so the agent does not act on it; nothing was changed");
        }
    }

    private static string Describe(FileNode directory, Func<uint, string> ownerName) =>
        directory.UserId != 0 ? $"owned by {ownerName(directory.UserId)}" : $"writable by others (mode {Convert.ToString((int)directory.Mode, 8).PadLeft(4, '0')})";
}
