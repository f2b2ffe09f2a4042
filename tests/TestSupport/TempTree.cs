using System.Security.Cryptography;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.TestSupport;

/// <summary>
/// A real directory tree standing in for an appliance's root, removed on dispose.
/// Paths given to it are appliance paths ("/etc/my.cnf").
/// </summary>
public sealed class TempTree : IDisposable
{
    public const string StateDirectory = "/var/lib/cloudshark-hardening";

    public TempTree()
    {
        Root = Directory.CreateTempSubdirectory("cloudshark-hardening-test-").FullName;
        Files = new RootedFileSystem(Root);
        Time = new ManualTimeProvider();
        Host = new ApplianceHost(Files, StateDirectory, Time);
    }

    /// <summary>A copy of the sample appliance shipped in the repository.</summary>
    public static TempTree FromSample()
    {
        var tree = new TempTree();
        CopyDirectory(RepositoryPaths.SampleAppliance, tree.Root);
        return tree;
    }

    public string Root { get; }

    public RootedFileSystem Files { get; }

    public ApplianceHost Host { get; }

    public ManualTimeProvider Time { get; }

    public string HostPath(string path) => Files.HostPath(path);

    /// <summary>The same tree as a running system (<paramref name="live"/>), rather than an image.</summary>
    public ApplianceHost HostWith(Remediators.Host.Live.ILiveSystem live) => new(Files, StateDirectory, Time, live);

    public TempTree Write(string path, string text)
    {
        var hostPath = HostPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(hostPath)!);
        File.WriteAllText(hostPath, text);
        return this;
    }

    public TempTree WriteBytes(string path, byte[] bytes)
    {
        var hostPath = HostPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(hostPath)!);
        File.WriteAllBytes(hostPath, bytes);
        return this;
    }

    public string Read(string path) => File.ReadAllText(HostPath(path));

    public bool Exists(string path) => Files.Stat(path).Exists;

    public TempTree MakeDirectory(string path)
    {
        Directory.CreateDirectory(HostPath(path));
        return this;
    }

    /// <summary>chown -h: the owner of the path itself, as a person would set it up.</summary>
    public TempTree Chown(string path, uint userId, uint groupId) =>
        Run("chown", "-h", $"{userId}:{groupId}", HostPath(path));

    /// <summary>rename(2) of the entry itself, whatever it is (a dangling link too), as mv -T does it.</summary>
    public TempTree Rename(string from, string to) =>
        Run("mv", "-T", HostPath(from), HostPath(to));

    /// <summary>A second name for an existing file, as ln makes it.</summary>
    public TempTree HardLink(string path, string existing) =>
        Run("ln", HostPath(existing), HostPath(path));

    public TempTree Symlink(string path, string target)
    {
        var hostPath = HostPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(hostPath)!);
        File.CreateSymbolicLink(hostPath, target);
        return this;
    }

    /// <summary>
    /// Every entry under the root with its type, content hash, link target, mode, owner and
    /// mtime: equal snapshots mean nothing was written, moved, chmod-ed or touched.
    /// </summary>
    public IReadOnlyDictionary<string, string> Snapshot(string? exceptUnder = null)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var hostPath in Directory.EnumerateFileSystemEntries(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var path = hostPath[Root.Length..];
            if (exceptUnder is not null && path.StartsWith(exceptUnder, StringComparison.Ordinal))
            {
                continue;
            }

            var node = Files.Stat(path);
            var info = new FileInfo(hostPath);
            var content = node.Kind == FileNodeKind.File ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(hostPath))) : "";
            result[path] = $"{node.Kind} {content} {node.LinkTarget} {node.Mode} {node.UserId}:{node.GroupId} {info.LastWriteTimeUtc.Ticks}";
        }

        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test that mounted something here and failed leaves it behind; nothing to lose.
        }
    }

    private TempTree Run(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        return process.ExitCode == 0 ? this : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
