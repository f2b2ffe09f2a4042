using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host;

public sealed partial class RootedFileSystem
{
    private const int MaxLinkHops = 40; // the kernel's own limit before ELOOP

    /// <summary>
    /// The appliance path with every symlink followed the way the appliance itself would
    /// (absolute targets start again at the root). Components that do not exist are kept as
    /// they are, so the result names the file a write would create.
    /// </summary>
    public string ResolveLinks(string path)
    {
        var pending = new Stack<string>(AppliancePath.Split(path).Reverse());
        var resolved = new List<string>();
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(part);
            var node = Stat(AppliancePath.Join(resolved));
            if (node.Kind != FileNodeKind.Symlink)
            {
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new HardeningException($"{path}: too many levels of symbolic links");
            }

            resolved.RemoveAt(resolved.Count - 1);
            var target = node.LinkTarget ?? "";
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").Reverse())
            {
                pending.Push(piece);
            }
        }

        return AppliancePath.Join(resolved);
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
