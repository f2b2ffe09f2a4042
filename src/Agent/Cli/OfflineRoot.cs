using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Cli;

/// <summary>
/// What <c>--root</c> may name: an offline image, which is never this machine's own root.
/// An offline pass restarts nothing and locks the image, not the live system, so pointed at
/// "/" it would change live files past the live run's lock and leave their services running
/// the old ones. Refusing is plainer than quietly turning it into a live pass, which would
/// restart services the person asked to leave alone.
/// </summary>
internal static class OfflineRoot
{
    /// <summary>Why <paramref name="root"/> cannot be hardened offline, or <c>null</c> when it can.</summary>
    public static string? Problem(string root)
    {
        if (!Directory.Exists(root))
        {
            return $"--root {root}: no such directory";
        }

        // By identity, not by name: "/.", "//", "/tmp/.." and a link to "/" are all the live root.
        if (DirectoryIdentity.Of(root, out var problem) is not { } image || DirectoryIdentity.Of("/", out problem) is not { } live)
        {
            return $"--root {root}: cannot tell whether it is the live system's root: {problem}";
        }

        return image == live
            ? $"--root {root} is this machine's own root, not an offline image: an offline pass restarts nothing and does not take the live run's lock; to harden the live system, run without --root"
            : null;
    }
}
