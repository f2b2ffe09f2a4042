namespace CloudSharkHardening.Remediators.Host;

public sealed partial class RootedFileSystem
{
    /// <summary>
    /// The appliance path with every symlink followed the way the appliance itself would
    /// (absolute targets start again at the root), refusing links another account could have
    /// planted. Components that do not exist are kept as they are, so the result names the
    /// file a write would create.
    /// </summary>
    public string ResolveLinks(string path)
    {
        using var walked = Walk(path, followLast: true, Descriptors.WalkPurpose.Look);
        return walked.Path;
    }

    /// <summary>The first symlink met on the way to <paramref name="path"/>, or <c>null</c>.</summary>
    public string? FirstSymlinkOnPath(string path)
    {
        var walked = new List<string>();
        foreach (var part in AppliancePath.Split(path))
        {
            walked.Add(part);
            var current = AppliancePath.Join(walked);
            if (Stat(current).Kind == FileNodeKind.Symlink)
            {
                return current;
            }
        }

        return null;
    }
}
