namespace CloudSharkHardening.Remediators.Host;

public enum FileNodeKind
{
    Missing,
    File,
    Directory,
    Symlink,
    Other,
}

/// <summary>What <c>lstat</c> says about one path: the path itself, never what a link points to.</summary>
public sealed record FileNode(FileNodeKind Kind, UnixFileMode Mode, uint UserId, uint GroupId, long Size, string? LinkTarget)
{
    public static FileNode Missing { get; } = new(FileNodeKind.Missing, 0, 0, 0, 0, null);

    public bool Exists => Kind != FileNodeKind.Missing;

    /// <summary>Hard links to the inode: a file written in place must have exactly one (no alias elsewhere).</summary>
    public uint LinkCount { get; init; } = 1;

    public bool IsWorldWritable => (Mode & UnixFileMode.OtherWrite) != 0;
}
