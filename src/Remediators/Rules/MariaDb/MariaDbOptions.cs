using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Where the <c>mariadb</c> rule looks. <paramref name="OptionFiles"/> are the files the server
/// reads, in its order (missing ones skipped); <paramref name="SeedFile"/> is where the rule
/// turns <c>skip-networking</c> on; <paramref name="Unit"/> is restarted after a change.
/// </summary>
public sealed record MariaDbOptions(ImmutableArray<string> OptionFiles, string SeedFile, string Unit)
{
    /// <summary>
    /// The seed file was not configured: the first of <see cref="OptionFiles"/> that exists is
    /// seeded, and <see cref="SeedFile"/> (the platform's) only when none does. A box's own
    /// layout beats the name its os-release gives it.
    /// </summary>
    public bool SeedWhereFilesAre { get; init; }

    /// <summary>The file <c>skip-networking</c> is seeded in on this box.</summary>
    public string SeedOn(Host.RootedFileSystem files) =>
        SeedWhereFilesAre ? OptionFiles.FirstOrDefault(path => files.Stat(path).Exists) ?? SeedFile : SeedFile;

    /// <summary>The defaults for a platform family.</summary>
    public static MariaDbOptions For(Platform platform) => new(
        ["/etc/my.cnf", "/etc/mysql/my.cnf"],
        platform == Platform.Debian ? "/etc/mysql/my.cnf" : "/etc/my.cnf",
        "mariadb.service")
    {
        SeedWhereFilesAre = true,
    };
}
