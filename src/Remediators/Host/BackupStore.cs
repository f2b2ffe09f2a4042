using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// Every version of every file the agent replaces, kept by content hash under
/// <c>backups/objects/</c>, with an append-only <c>backups/index.jsonl</c> saying which
/// path held which content when. Identical content is stored once. Everything lives in
/// directories only root can write, reached and written by descriptor inside the root.
/// </summary>
public sealed class BackupStore(RootedFileSystem files, string stateDirectory, TimeProvider time)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // The index grows by a line per replaced file; this is years of an agent's edits.
    private const long MaxIndexBytes = 64L * 1024 * 1024;

    private string BackupsDirectory => AppliancePath.Combine(stateDirectory, "backups");

    private string ObjectsDirectory => AppliancePath.Combine(stateDirectory, "backups/objects");

    private string IndexFile => AppliancePath.Combine(stateDirectory, "backups/index.jsonl");

    /// <summary>Records what <paramref name="path"/> holds before it is replaced; <c>null</c> content: it did not exist.</summary>
    public BackupEntry Save(string path, byte[]? content, FileNode node)
    {
        try
        {
            string? hash = null;
            if (content is not null)
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(content));
                using var objects = files.OpenPrivateDirectory(ObjectsDirectory);
                if (objects.StatEntry(hash).Kind != FileNodeKind.File)
                {
                    SafeFileWriter.WriteAndRename(objects, hash, AppliancePath.Combine(ObjectsDirectory, hash), content, original: null, label: null, OwnerOnly);
                }
            }

            var entry = new BackupEntry(time.GetUtcNow(), path, hash, node.Exists ? (int)node.Mode : null, node.Exists ? node.UserId : null, node.Exists ? node.GroupId : null);
            AppendIndex(entry);
            return entry;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HardeningException)
        {
            throw new HardeningException($"cannot back up {path} under {stateDirectory}: {e.Message}; the file was not changed", innerException: e);
        }
    }

    /// <summary>The recorded versions of <paramref name="path"/>, oldest first.</summary>
    public IReadOnlyList<BackupEntry> History(string path) =>
        ReadIndex().Where(entry => entry.Path == path).ToList();

    /// <summary>The bytes a backup entry recorded, or <c>null</c> for an entry that recorded absence.</summary>
    public byte[]? Content(BackupEntry entry) =>
        entry.Sha256 is null ? null : files.ReadBytes(AppliancePath.Combine(ObjectsDirectory, entry.Sha256))
            ?? throw new HardeningException($"the backup {entry.Sha256} of {entry.Path} is missing from {ObjectsDirectory}");

    private List<BackupEntry> ReadIndex()
    {
        using var walked = files.Walk(IndexFile, followLast: false);
        if (walked.Parent is null)
        {
            return [];
        }

        using var handle = walked.Parent.OpenFileForReading(walked.Name, out var node);
        if (handle is null)
        {
            return [];
        }

        var text = Encoding.UTF8.GetString(Descriptors.FileContent.ReadAll(handle, node, IndexFile, MaxIndexBytes));
        return text.Split('\n')
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize(line, BackupJsonContext.Default.BackupEntry))
            .OfType<BackupEntry>()
            .ToList();
    }

    private void AppendIndex(BackupEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, BackupJsonContext.Default.BackupEntry) + "\n";
        using var backups = files.OpenPrivateDirectory(BackupsDirectory);
        using var handle = backups.OpenOwnFileForAppend("index.jsonl", OwnerOnly);
        using var stream = new FileStream(handle, FileAccess.Write, bufferSize: 0);
        stream.Write(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }
}
