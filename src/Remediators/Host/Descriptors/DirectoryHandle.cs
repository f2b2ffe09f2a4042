using System.Runtime.InteropServices;
using System.Text;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Native;
using Microsoft.Win32.SafeHandles;

namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>
/// One directory held open by descriptor, reached by <see cref="PathWalker"/> without
/// following any link it does not trust. Every operation names a single entry of it, so what
/// lies between the root and this directory can no longer be swapped underneath the agent.
/// </summary>
internal sealed partial class DirectoryHandle : IDisposable
{
    private const int MaxLinkTargetBytes = 4096;
    private readonly SafeFileHandle _handle;

    private FileNode? _node;

    private DirectoryHandle(SafeFileHandle handle, string path, FileNode? node)
    {
        _handle = handle;
        Path = path;
        _node = node;
    }

    /// <summary>The appliance path this directory was reached as, for messages.</summary>
    public string Path { get; }

    /// <summary>
    /// What fstat says of the directory, asked the first time it is needed (an owner to
    /// compare, a link to trust): a walk that only looks needs it for few of its steps.
    /// </summary>
    public FileNode Node => _node ??= Statx.At(Fd, "", out var errno) ?? throw new HardeningException($"{Path}: cannot stat: {LibC.Describe(errno)}");

    /// <summary>
    /// Root-owned and writable by nobody else: only root can have put its entries there, so
    /// its root-owned links are the administrator's and may be followed.
    /// </summary>
    public bool IsTrusted => Node.UserId == 0 && (Node.Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;

    private int Fd => (int)_handle.DangerousGetHandle();

    /// <summary>Opens the tree's root by its host path: the one path the administrator typed, trusted as given.</summary>
    public static DirectoryHandle OpenRoot(string hostPath)
    {
        var fd = LibC.OpenAt(LibC.AtFdCwd, hostPath, LibC.ORdOnly | LibC.ODirectory | LibC.OCloExec, 0);
        if (fd < 0)
        {
            throw new HardeningException($"cannot open the root directory {hostPath}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }

        return Adopt(fd, "/");
    }

    /// <summary>lstat of one entry; <see cref="FileNode.Missing"/> when it is not there.</summary>
    public FileNode StatEntry(string name)
    {
        if (Statx.At(Fd, name, out var errno) is { } node)
        {
            return node.Kind == FileNodeKind.Symlink ? node with { LinkTarget = ReadLink(name) } : node;
        }

        return errno is LibC.ENOENT or LibC.ENOTDIR ? FileNode.Missing : throw Failure("stat", name, errno);
    }

    /// <summary>The text of a symlink entry.</summary>
    public string ReadLink(string name)
    {
        Span<byte> buffer = stackalloc byte[MaxLinkTargetBytes];
        nint length;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                length = LibC.ReadLinkAt(Fd, name, p, (nuint)buffer.Length);
            }
        }

        return length < 0 ? throw Failure("read the link", name, Marshal.GetLastPInvokeError()) : Encoding.UTF8.GetString(buffer[..(int)length]);
    }

    /// <summary>
    /// Opens a subdirectory without following a link (O_NOFOLLOW|O_DIRECTORY): <c>null</c> when
    /// the entry is missing, a symlink or not a directory, so the caller can look at what it is.
    /// </summary>
    public DirectoryHandle? TryOpenDirectory(string name)
    {
        var fd = LibC.OpenAt(Fd, name, LibC.ORdOnly | LibC.ODirectory | LibC.ONoFollow | LibC.OCloExec, 0);
        if (fd >= 0)
        {
            return Adopt(fd, Child(name));
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is LibC.ENOENT or LibC.ENOTDIR or LibC.ELOOP ? null : throw Failure("open", name, errno);
    }

    /// <summary>
    /// Opens a regular file for reading, never through a link and never blocking on a FIFO
    /// (O_NONBLOCK); <c>null</c> when it is missing. Anything but a regular file is refused
    /// before a byte is read.
    /// </summary>
    public SafeFileHandle? OpenFileForReading(string name, out FileNode node)
    {
        var fd = LibC.OpenAt(Fd, name, LibC.ORdOnly | LibC.ONoFollow | LibC.ONonBlock | LibC.ONoCtty | LibC.OCloExec, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            node = FileNode.Missing;
            return errno == LibC.ENOENT ? null : throw Failure("open", name, errno);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        node = Statx.At(fd, "", out var statErrno) ?? throw Failure("stat", name, statErrno);
        if (node.Kind != FileNodeKind.File)
        {
            handle.Dispose();
            throw new UnsupportedFileException(Child(name), node.Kind == FileNodeKind.Directory ? "is a directory, not a file" : "is not a regular file");
        }

        return handle;
    }

    /// <summary>Entry names in ordinal order ("." and ".." left out).</summary>
    public IReadOnlyList<string> ListNames()
    {
        // fdopendir takes the descriptor it is given; a duplicate keeps this handle usable.
        var copy = LibC.Dup(Fd);
        if (copy < 0)
        {
            throw Failure("list", "", Marshal.GetLastPInvokeError());
        }

        var stream = LibC.FdOpenDir(copy);
        if (stream == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = LibC.Close(copy);
            throw Failure("list", "", errno);
        }

        var names = new List<string>();
        try
        {
            // struct dirent (glibc, 64-bit): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name.
            const int NameOffset = 19;
            for (var entry = LibC.ReadDir(stream); entry != 0; entry = LibC.ReadDir(stream))
            {
                var name = Marshal.PtrToStringUTF8(entry + NameOffset) ?? "";
                if (name is not ("." or ".." or ""))
                {
                    names.Add(name);
                }
            }
        }
        finally
        {
            _ = LibC.CloseDir(stream);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>A second descriptor of this directory, for a caller that keeps it (an inotify watch).</summary>
    public SafeFileHandle Duplicate()
    {
        var copy = LibC.Dup(Fd);
        return copy >= 0 ? new SafeFileHandle(copy, ownsHandle: true) : throw Failure("duplicate the descriptor of", "", Marshal.GetLastPInvokeError());
    }

    /// <summary>Makes renames and creations in this directory durable; some file systems refuse, the change still stands.</summary>
    public void Sync() => _ = LibC.FSync(Fd);

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// The same descriptor without owning it: the tree's root stays open for the tree's life,
    /// and every walk starts from a borrowed copy that its disposal leaves open.
    /// </summary>
    public DirectoryHandle Borrow() => new(new SafeFileHandle(_handle.DangerousGetHandle(), ownsHandle: false), Path, _node);

    // Names are single components (no '/'), so joining needs no normalising.
    internal string Child(string name) => name.Length == 0 ? Path : Path == "/" ? "/" + name : Path + "/" + name;

    private static DirectoryHandle Adopt(int fd, string path) => new(new SafeFileHandle(fd, ownsHandle: true), path, node: null);

    private HardeningException Failure(string what, string name, int errno) =>
        new($"cannot {what} {Child(name)}: {LibC.Describe(errno)}");
}
