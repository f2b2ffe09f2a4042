using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// What the appliance's unit files say about a unit, read from the files themselves so it
/// holds for an offline image as well as for the running system's next boot.
/// </summary>
internal static class UnitFiles
{
    private const string AdminDirectory = "/etc/systemd/system";
    private static readonly string[] Directories = [AdminDirectory, "/usr/lib/systemd/system", "/lib/systemd/system"];

    public static bool IsInstalled(RootedFileSystem files, string unit) =>
        !IsMasked(files, unit) && Directories.Any(directory => files.Stat(AppliancePath.Combine(directory, unit)).Exists);

    /// <summary>Enabled: some target's <c>.wants</c> directory under /etc links it, so it starts at boot.</summary>
    public static bool IsEnabled(RootedFileSystem files, string unit) =>
        !IsMasked(files, unit) && files.ListDirectory(AdminDirectory)
            .Where(name => name.EndsWith(".wants", StringComparison.Ordinal))
            .Any(wants => files.Stat(AppliancePath.Combine(AppliancePath.Combine(AdminDirectory, wants), unit)).Exists);

    private static bool IsMasked(RootedFileSystem files, string unit) =>
        files.Stat(AppliancePath.Combine(AdminDirectory, unit)).LinkTarget == "/dev/null";
}
