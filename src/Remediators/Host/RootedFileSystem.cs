using System.Text;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Native;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// The appliance's file tree, mounted at <see cref="Root"/> ("/" on a live system, a
/// directory for an offline image or a test). Every path a caller passes is an absolute
/// appliance path; absolute symlink targets are followed inside the root, never out of it.
/// </summary>
public sealed partial class RootedFileSystem
{
    /// <summary>Files larger than this are not configuration files; the agent refuses them.</summary>
    public const int MaxTextFileBytes = 1024 * 1024;

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

    /// <summary>Where an appliance path lies on this machine; does not follow links.</summary>
    public string HostPath(string path)
    {
        var normal = AppliancePath.Normalize(path);
        return Root == "/" ? normal : Root + (normal == "/" ? "" : normal);
    }

    public FileNode Stat(string path) => StatHostPath(HostPath(path));

    /// <summary>
    /// Reads a configuration file, following symlinks inside the root. Returns <c>null</c>
    /// when it does not exist; refuses anything that is not plain UTF-8 text with LF endings.
    /// </summary>
    public TextFile? ReadText(string path)
    {
        var resolved = ResolveLinks(path);
        var node = Stat(resolved);
        switch (node.Kind)
        {
            case FileNodeKind.Missing:
                return null;
            case FileNodeKind.Directory:
                throw new UnsupportedFileException(resolved, "is a directory, not a file");
            case FileNodeKind.Other:
                throw new UnsupportedFileException(resolved, "is not a regular file");
        }

        if (node.Size > MaxTextFileBytes)
        {
            throw new UnsupportedFileException(resolved, $"is {node.Size} bytes, larger than the {MaxTextFileBytes} bytes a configuration file may be");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(HostPath(resolved));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HardeningException($"{resolved}: cannot be read: {e.Message}", innerException: e);
        }

        return new TextFile(resolved, TextFileRules.Decode(resolved, bytes));
    }

    /// <summary>The raw bytes of a file, or <c>null</c> when it does not exist.</summary>
    public byte[]? ReadBytes(string path)
    {
        var hostPath = HostPath(path);
        return File.Exists(hostPath) ? File.ReadAllBytes(hostPath) : null;
    }

    /// <summary>Entry names of a directory in ordinal order; empty when it does not exist.</summary>
    public IReadOnlyList<string> ListDirectory(string path)
    {
        var hostPath = HostPath(ResolveLinks(path));
        if (!Directory.Exists(hostPath))
        {
            return [];
        }

        var names = Directory.EnumerateFileSystemEntries(hostPath).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    internal static FileNode StatHostPath(string hostPath)
    {
        Span<byte> buffer = stackalloc byte[256];
        int result;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                result = LibC.Statx(LibC.AtFdCwd, hostPath, LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, p);
            }
        }

        if (result != 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == LibC.ENOENT || errno == 20 /* ENOTDIR: a parent is a file */)
            {
                return FileNode.Missing;
            }

            throw new HardeningException($"{hostPath}: cannot stat: {LibC.Describe(errno)}");
        }

        // struct statx: uid at 20, gid at 24, mode (u16) at 28, size at 40.
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
        var target = kind == FileNodeKind.Symlink ? new FileInfo(hostPath).LinkTarget : null;
        return new FileNode(kind, (UnixFileMode)(mode & 0xFFF), uid, gid, size, target);
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
