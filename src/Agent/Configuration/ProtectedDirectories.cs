using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>
/// Keeps the directories the agent takes over (creates, hands to the CloudShark account, renames
/// aside, replaces with a link, fills with its own state) clear of the system's trees, of the
/// files the rules edit, and of each other. The paths are compared as configured; links on
/// them are the rules' business at run time.
/// </summary>
internal static class ProtectedDirectories
{
    private const string SystemDirectory = "a system directory";

    private static readonly string[] SystemTreeRoots =
        ["/boot", "/dev", "/etc", "/proc", "/root", "/run", "/sys", "/usr", "/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin"];

    private static readonly IReadOnlyList<ProtectedDirectory> SystemTrees =
    [
        new("/", "the root of the file system", BelowIsFine: true),
        .. SystemTreeRoots.Select(path => new ProtectedDirectory(path, SystemDirectory)),
        new("/var", SystemDirectory, BelowIsFine: true),
        new("/var/lib/mysql", "MariaDB's data directory"),
    ];

    /// <summary>Records one error per directory setting that would take over a protected directory.</summary>
    public static void Check(HardeningConfig config, List<ConfigError> errors)
    {
        List<ProtectedDirectory> taken = [.. SystemTrees, .. EditedFileDirectories(config), new(config.Daemon.MetricsDirectory, "the daemon's metrics directory", BelowIsFine: true)];
        var uploads = config.Uploads.Options;

        // Each setting is also kept clear of the ones checked before it, so a pair is reported once.
        Claim("stateDirectory", config.StateDirectory, "the agent's state directory",
            "the agent keeps its backups and reports there, so it must be a directory of its own, such as /var/lib/cloudshark-hardening");
        Claim("rules.uploads.path", uploads.UploadsPath, "the uploads path, which becomes a link to the storage directory",
            "the agent moves what stands there aside and puts a link in its place, so it must be CloudShark's uploads directory, such as /var/www/cloudshark/shared/uploads");
        Claim("storageDirectory", config.StorageDirectory, "the storage directory",
            $"the agent creates it and gives it to {uploads.User}:{uploads.Group}, so it must be a directory of its own, such as /cap or /srv/cap");

        void Claim(string field, string path, string what, string use)
        {
            if (taken.Select(directory => directory.Conflict(path)).FirstOrDefault(conflict => conflict is not null) is { } conflict)
            {
                errors.Add(new ConfigError(field, $"{conflict}; {use}"));
                return;
            }

            taken.Add(new ProtectedDirectory(path, what));
        }
    }

    // A directory holding a file a rule edits: whoever owned it could replace or move the file.
    private static IEnumerable<ProtectedDirectory> EditedFileDirectories(HardeningConfig config)
    {
        (string Rule, string File)[] edited =
        [
            (MemcachedRule.RuleName, config.Memcached.Options.ConfigFile),
            .. config.MariaDb.Options.OptionFiles.Append(config.MariaDb.Options.SeedFile).Select(file => (MariaDbRule.RuleName, file)),
            (CloudSharkUnitRule.RuleName, config.CloudSharkUnit.Options.DropInPath),
            (FirewallRule.RuleName, config.Firewall.Options.SavedRulesV4),
            (FirewallRule.RuleName, config.Firewall.Options.SavedRulesV6),
        ];
        return edited.Select(e => new ProtectedDirectory(AppliancePath.Parent(e.File), $"the directory of {e.File}, which the {e.Rule} rule edits", BelowIsFine: true));
    }
}
