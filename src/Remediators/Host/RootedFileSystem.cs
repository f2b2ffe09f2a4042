using System.Text;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// The appliance's file tree, mounted at <see cref="Root"/> ("/" on a live system, a
/// directory for an offline image or a test). Every path a caller passes is an absolute
/// appliance path, resolved from the root's descriptor one component at a time: absolute
/// symlink targets start again at the root, ".." never climbs out of it, and a link another
/// account could have planted is refused rather than followed.
/// </summary>
public sealed partial class RootedFileSystem
{
    /// <summary>Files larger than this are not configuration files; the agent refuses them.</summary>
    public const int MaxTextFileBytes = 1024 * 1024;

    private Descriptors.DirectoryHandle? _root;
    private long _walks;

    public RootedFileSystem(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = System.IO.Path.GetFullPath(root).TrimEnd('/');
        if (Root.Length == 0)
        {
            Root = "/";
        }
    }

    public string Root { get; }

    /// <summary>
    /// Where an appliance path lies on this machine, as text. Only for what no other account
    /// can rearrange (the kernel's <c>/proc</c>) and for tests: files are reached by <see cref="Walk"/>.
    /// </summary>
    public string HostPath(string path)
    {
        var normal = AppliancePath.Normalize(path);
        return Root == "/" ? normal : Root + (normal == "/" ? "" : normal);
    }

    /// <summary>
    /// What <c>lstat</c> says of the path itself; links on the way there are followed when
    /// trusted (see <see cref="Descriptors.PathWalker"/>), and an untrusted one is refused.
    /// </summary>
    public FileNode Stat(string path)
    {
        using var walked = Walk(path, followLast: false, Descriptors.WalkPurpose.Look);
        return walked.Parent is null ? FileNode.Missing
            : walked.Name.Length == 0 ? walked.Parent.Node
            : walked.Parent.StatEntry(walked.Name);
    }

    /// <summary>
    /// Reads a configuration file, following trusted symlinks inside the root. Returns
    /// <c>null</c> when it does not exist; refuses anything that is not plain UTF-8 text with
    /// LF endings, and anything that is not a regular file (a FIFO is never waited on).
    /// </summary>
    public TextFile? ReadText(string path)
    {
        var read = ReadFile(path);
        return read is null ? null : new TextFile(read.Value.Path, TextFileRules.Decode(read.Value.Path, read.Value.Bytes));
    }

    /// <summary>The raw bytes of a file (trusted links followed), or <c>null</c> when it does not exist.</summary>
    public byte[]? ReadBytes(string path) => ReadFile(path)?.Bytes;

    /// <summary>Entry names of a directory in ordinal order; empty when it does not exist.</summary>
    public IReadOnlyList<string> ListDirectory(string path)
    {
        using var walked = Walk(path, followLast: true, Descriptors.WalkPurpose.Look);
        if (walked.Parent is null)
        {
            return [];
        }

        if (walked.Name.Length == 0)
        {
            return walked.Parent.ListNames();
        }

        using var directory = walked.Parent.TryOpenDirectory(walked.Name);
        return directory?.ListNames() ?? [];
    }

    /// <summary>
    /// A descriptor of the directory at <paramref name="path"/>, reached like every other path
    /// (root's links followed, any other refused): <c>null</c> when it is missing, not a
    /// directory, or behind a link the agent does not follow. For inotify, which takes a path:
    /// <c>/proc/self/fd/N</c> of it names exactly this directory, whatever is renamed later.
    /// </summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle? OpenDirectory(string path)
    {
        try
        {
            using var walked = Walk(path, followLast: true, Descriptors.WalkPurpose.Look);
            if (walked.Parent is null)
            {
                return null;
            }

            using var directory = walked.Name.Length == 0 ? BorrowRoot() : walked.Parent.TryOpenDirectory(walked.Name);
            return directory?.Duplicate();
        }
        catch (UnsafePathException)
        {
            return null;
        }
    }

    /// <summary>
    /// Walks <paramref name="path"/> from the root's descriptor (see <see cref="Descriptors.PathWalker"/>);
    /// the caller owns the returned parent directory.
    /// </summary>
    internal Descriptors.WalkedPath Walk(string path, bool followLast, Descriptors.WalkPurpose purpose = Descriptors.WalkPurpose.Act)
    {
        Interlocked.Increment(ref _walks);
        return Descriptors.PathWalker.Walk(BorrowRoot(), AppliancePath.Normalize(path), followLast, purpose, OwnerName);
    }

    /// <summary>How many paths this tree has walked: what the benchmark repeats its walk by.</summary>
    public long Walks => Interlocked.Read(ref _walks);

    /// <summary>
    /// The root, opened once by the path the administrator typed and held for the tree's life:
    /// every walk starts from the same directory, however that path is changed later.
    /// </summary>
    internal Descriptors.DirectoryHandle BorrowRoot() =>
        LazyInitializer.EnsureInitialized(ref _root, () => Descriptors.DirectoryHandle.OpenRoot(Root)).Borrow();

    /// <summary>"uid 1000 (cloudshark)" from the tree's own passwd, for the message of a refused path.</summary>
    internal string OwnerName(uint userId)
    {
        var number = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var name = new AccountDatabase(this).UserName(userId);
            return name == number ? $"uid {number}" : $"uid {number} ({name})";
        }
        catch (HardeningException)
        {
            return $"uid {number}"; // an unreadable passwd must not hide the refusal itself
        }
    }

    private (string Path, byte[] Bytes)? ReadFile(string path)
    {
        using var walked = Walk(path, followLast: true);
        if (walked.Parent is null)
        {
            return null;
        }

        if (walked.Name.Length == 0)
        {
            throw new UnsupportedFileException(walked.Path, "is a directory, not a file");
        }

        using var handle = walked.Parent.OpenFileForReading(walked.Name, out var node);
        if (handle is null)
        {
            return null;
        }

        // Checked on what was opened: another account's directory could hold a hard link to a
        // root-only file (where protected_hardlinks is off), and its content is not config.
        Descriptors.PathWalker.RefuseUnsafeTransition(walked.Parent, node, walked.Path, OwnerName);

        return (walked.Path, Descriptors.FileContent.ReadAll(handle, node, walked.Path, MaxTextFileBytes));
    }

    private static class TextFileRules
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static string Decode(string path, byte[] bytes)
        {
            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                throw new UnsupportedFileException(path, "contains NUL bytes: it looks like a binary file, not configuration text");
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new UnsupportedFileException(path, "is not valid UTF-8 text");
            }

            if (text.Contains('\r', StringComparison.Ordinal))
            {
                // A CR would end up inside option values (memcached would get "-U 0\r").
                throw new UnsupportedFileException(path, "has CRLF (DOS) line endings; convert it with dos2unix first");
            }

            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                throw new UnsupportedFileException(path, "starts with a byte-order mark, which the services reading it do not expect");
            }

            return text;
        }
    }
}
