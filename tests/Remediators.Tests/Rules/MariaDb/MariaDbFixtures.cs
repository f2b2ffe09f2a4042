using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.MariaDb;

/// <summary>The option-file layouts under Fixtures/mariadb, laid into temp appliance trees.</summary>
internal static class MariaDbFixtures
{
    public const string El7 = "el7";
    public const string El8 = "el8";
    public const string Debian12 = "debian12";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mariadb");

    /// <summary>Every fixture file with its appliance path.</summary>
    public static IEnumerable<(string Layout, string AppliancePath, string HostFile)> Files() =>
        from layout in new[] { El7, El8, Debian12 }
        let directory = Path.Combine(Root, layout)
        from file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        select (layout, "/" + Path.GetRelativePath(directory, file), file);

    /// <summary>A temp appliance holding one layout; Debian gets its my.cnf symlink chain.</summary>
    public static TempTree Tree(string layout)
    {
        var tree = new TempTree();
        foreach (var (_, appliancePath, hostFile) in Files().Where(file => file.Layout == layout))
        {
            tree.Write(appliancePath, File.ReadAllText(hostFile));
        }

        if (layout == Debian12)
        {
            tree.Symlink("/etc/alternatives/my.cnf", "/etc/mysql/mariadb.cnf")
                .Symlink("/etc/mysql/my.cnf", "/etc/alternatives/my.cnf");
        }

        return tree;
    }
}
