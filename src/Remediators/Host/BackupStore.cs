using System.Security.Cryptography;
using System.Text.Json;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// Every version of every file the agent replaces, kept by content hash under
/// <c>backups/objects/</c>, with an append-only <c>backups/index.jsonl</c> saying which
/// path held which content when. Identical content is stored once.
/// </summary>
public sealed class BackupStore(RootedFileSystem files, string stateDirectory, TimeProvider time)
{
    private string ObjectsDirectory => AppliancePath.Combine(stateDirectory, "backups/objects");

    private string IndexFile => AppliancePath.Combine(stateDirectory, "backups/index.jsonl");

    /// <summary>Records what <paramref name="path"/> holds before it is replaced; <c>null</c> content: it did not exist.</summary>
    public BackupEntry Save(string path, byte[]? content, FileNode node)
    {
        try
        {
            Directory.CreateDirectory(files.HostPath(ObjectsDirectory), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string? hash = null;
            if (content is not null)
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(content));
                var objectPath = files.HostPath(AppliancePath.Combine(ObjectsDirectory, hash));
                if (!File.Exists(objectPath))
                {
                    WriteDurably(objectPath, content);
                }
            }

            var entry = new BackupEntry(time.GetUtcNow(), path, hash, node.Exists ? (int)node.Mode : null, node.Exists ? node.UserId : null, node.Exists ? node.GroupId : null);
            AppendIndex(entry);
            return entry;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HardeningException($"cannot back up {path} under {stateDirectory}: {e.Message}; the file was not changed", innerException: e);
        }
    }

    /// <summary>The recorded versions of <paramref name="path"/>, oldest first.</summary>
    public IReadOnlyList<BackupEntry> History(string path) =>
        ReadIndex().Where(entry => entry.Path == path).ToList();

    /// <summary>The bytes a backup entry recorded, or <c>null</c> for an entry that recorded absence.</summary>
    public byte[]? Content(BackupEntry entry) =>
        entry.Sha256 is null ? null : File.ReadAllBytes(files.HostPath(AppliancePath.Combine(ObjectsDirectory, entry.Sha256)));

    private IEnumerable<BackupEntry> ReadIndex()
    {
        var index = files.HostPath(IndexFile);
        if (!File.Exists(index))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(index))
        {
            if (line.Length > 0 && JsonSerializer.Deserialize(line, BackupJsonContext.Default.BackupEntry) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private void AppendIndex(BackupEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, BackupJsonContext.Default.BackupEntry) + "\n";
        using var stream = new FileStream(files.HostPath(IndexFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }

    private static void WriteDurably(string hostPath, byte[] content)
    {
        var temporary = hostPath + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, hostPath, overwrite: true);
    }
}
