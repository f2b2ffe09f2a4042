using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.MariaDb;

public sealed class MariaDbRuleTests
{
    private const string Neutralised = "# cloudshark-hardening: re-enabled TCP networking, which the hardening policy turns off: ";

    private static readonly MariaDbOptions RedHat = MariaDbOptions.For(Platform.RedHat);

    private static MariaDbRule Rule(TempTree tree, MariaDbOptions? options = null) => new(options ?? RedHat, tree.Host);

    private static Task<Plan> Check(TempTree tree, MariaDbOptions? options = null) =>
        Rule(tree, options).CheckAsync(CancellationToken.None).AsTask();

    private static IReadOnlyDictionary<string, string> Snapshot(TempTree tree) => tree.Snapshot(exceptUnder: TempTree.StateDirectory);

    /// <summary>drift → Check (non-empty) → Apply → Check (empty) → Apply again writes nothing.</summary>
    private static async Task AssertConvergesOnce(TempTree tree, MariaDbOptions? options = null)
    {
        var rule = Rule(tree, options);
        var drift = await rule.CheckAsync(CancellationToken.None);
        Assert.False(drift.IsCompliant);

        await rule.ApplyAsync(drift, CancellationToken.None);
        var after = await rule.CheckAsync(CancellationToken.None);
        Assert.True(after.IsCompliant, string.Join('\n', after.Notes));
        Assert.Empty(after.UnitActions);
        Assert.StartsWith("skip-networking effective: on", after.Notes[0], StringComparison.Ordinal);

        var settled = Snapshot(tree);
        await rule.ApplyAsync(after, CancellationToken.None);
        await rule.ApplyAsync(drift, CancellationToken.None);
        Assert.Equal(settled, Snapshot(tree));
    }

    [Fact]
    public void Name_IsMariadb() => Assert.Equal("mariadb", new MariaDbRule(RedHat, new TempTree().Host).Name);

    [Fact]
    public void For_Platforms_GiveTheServersReadOrderAndTheSeedFileOfEach()
    {
        var debian = MariaDbOptions.For(Platform.Debian);

        Assert.Equal(["/etc/my.cnf", "/etc/mysql/my.cnf"], RedHat.OptionFiles.AsEnumerable());
        Assert.Equal(RedHat.OptionFiles.AsEnumerable(), debian.OptionFiles.AsEnumerable());
        Assert.Equal(("/etc/my.cnf", "mariadb.service"), (RedHat.SeedFile, RedHat.Unit));
        Assert.Equal(("/etc/mysql/my.cnf", "mariadb.service"), (debian.SeedFile, debian.Unit));
    }

    [Fact]
    public async Task Check_SampleAppliance_PlansSkipNetworkingInMysqldAndARestart()
    {
        using var tree = TempTree.FromSample();
        var before = Snapshot(tree);
        var original = tree.Read("/etc/my.cnf");

        var plan = await Check(tree);

        Assert.Equal(before, Snapshot(tree));
        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Equal(("/etc/my.cnf", original), (edit.Path, edit.Before));
        Assert.Equal(original.Replace("symbolic-links=0\n", "symbolic-links=0\nskip-networking\n", StringComparison.Ordinal), edit.After);
        Assert.Equal([UnitAction.Restart("mariadb.service")], plan.UnitActions.AsEnumerable());
        Assert.Equal("skip-networking effective: off (no server option group sets it; the server default)", plan.Notes[0]);
    }

    [Fact]
    public async Task Apply_SampleAppliance_ConvergesAndStaysPut()
    {
        using var tree = TempTree.FromSample();

        await AssertConvergesOnce(tree);
    }

    [Fact]
    public async Task Apply_El7Fixture_Converges()
    {
        using var tree = MariaDbFixtures.Tree(MariaDbFixtures.El7);

        await AssertConvergesOnce(tree);
    }

    [Fact]
    public async Task Check_El8Fixture_AppendsAMysqldSectionAfterTheIncludeDir()
    {
        using var tree = MariaDbFixtures.Tree(MariaDbFixtures.El8);
        var original = tree.Read("/etc/my.cnf");

        var edit = Assert.IsType<FileEdit>(Assert.Single((await Check(tree)).Changes));

        Assert.Equal(original + "\n[mysqld]\nskip-networking\n", edit.After);
        await AssertConvergesOnce(tree);
        Assert.Equal(File.ReadAllText(Path.Combine(MariaDbFixtures.Root, "el8/etc/my.cnf.d/mariadb-server.cnf")), tree.Read("/etc/my.cnf.d/mariadb-server.cnf"));
    }

    [Fact]
    public async Task Apply_Debian12SymlinkChain_EditsTheRealFileAndTheLinksStayLinks()
    {
        using var tree = MariaDbFixtures.Tree(MariaDbFixtures.Debian12);
        var options = MariaDbOptions.For(Platform.Debian);
        var original = tree.Read("/etc/mysql/mariadb.cnf");

        var edit = Assert.IsType<FileEdit>(Assert.Single((await Check(tree, options)).Changes));
        Assert.Equal("/etc/mysql/mariadb.cnf", edit.Path);
        Assert.Equal(original + "\n[mysqld]\nskip-networking\n", edit.After);

        await AssertConvergesOnce(tree, options);
        Assert.Equal("/etc/alternatives/my.cnf", tree.Files.Stat("/etc/mysql/my.cnf").LinkTarget);
        Assert.Equal("/etc/mysql/mariadb.cnf", tree.Files.Stat("/etc/alternatives/my.cnf").LinkTarget);
        Assert.Equal(original + "\n[mysqld]\nskip-networking\n", tree.Read("/etc/mysql/mariadb.cnf"));
    }

    [Fact]
    public async Task Check_LaterFileReEnablesNetworking_CommentsItOutAndSaysWhoDecided()
    {
        using var tree = TempTree.FromSample().Write("/etc/my.cnf.d/zz.cnf", "# local override\n[mariadb]\nskip_networking=0\n");

        var plan = await Check(tree);

        Assert.Equal("skip-networking effective: off (decided by /etc/my.cnf.d/zz.cnf:3 skip_networking=0)", plan.Notes[0]);
        var edits = plan.Changes.Cast<FileEdit>().ToDictionary(edit => edit.Path);
        Assert.Equal(["/etc/my.cnf", "/etc/my.cnf.d/zz.cnf"], edits.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"# local override\n[mariadb]\n{Neutralised}skip_networking=0\n", edits["/etc/my.cnf.d/zz.cnf"].After);
        Assert.Contains("line 3", edits["/etc/my.cnf.d/zz.cnf"].Why, StringComparison.Ordinal);
        await AssertConvergesOnce(tree);
    }

    [Fact]
    public async Task Check_NegationAfterTheIncludeDir_IsCommentedOutToo()
    {
        using var tree = TempTree.FromSample();
        var original = tree.Read("/etc/my.cnf");
        tree.Write("/etc/my.cnf", original + "[mysqld]\nskip-networking = OFF\n");

        var edit = Assert.IsType<FileEdit>(Assert.Single((await Check(tree)).Changes));

        Assert.Equal(
            original.Replace("symbolic-links=0\n", "symbolic-links=0\nskip-networking\n", StringComparison.Ordinal) + $"[mysqld]\n{Neutralised}skip-networking = OFF\n",
            edit.After);
        await AssertConvergesOnce(tree);
    }

    [Fact]
    public async Task Check_NegationOnlyInAClientGroup_IsLeftAlone()
    {
        using var tree = TempTree.FromSample().Write("/etc/my.cnf.d/zz.cnf", "[client]\nskip-networking=0\n");

        var plan = await Check(tree);

        Assert.Equal("/etc/my.cnf", Assert.Single(plan.Changes).Path);
    }

    [Theory]
    [InlineData("/etc/my.cnf", "skip_networking")]
    [InlineData("/etc/my.cnf.d/zz-hardening.cnf", "skip-networking=1")]
    public async Task Check_AlreadyHardened_IsCompliantAndWritesNothing(string file, string spelling)
    {
        using var tree = TempTree.FromSample();
        if (file == "/etc/my.cnf")
        {
            tree.Write(file, tree.Read(file).Replace("[mysqld]\n", $"[mysqld]\n{spelling}\n", StringComparison.Ordinal));
        }
        else
        {
            tree.Write(file, $"[galera]\n{spelling}\n");
        }

        var before = Snapshot(tree);

        var plan = await Check(tree);

        Assert.True(plan.IsCompliant);
        Assert.Empty(plan.UnitActions);
        Assert.StartsWith($"skip-networking effective: on (decided by {file}:", plan.Notes[0], StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(tree));
    }

    [Fact]
    public async Task Check_SeedFileMissing_PlansToCreateIt()
    {
        using var tree = new TempTree().MakeDirectory("/etc");

        var edit = Assert.IsType<FileEdit>(Assert.Single((await Check(tree)).Changes));

        Assert.Equal(("/etc/my.cnf", (string?)null, "[mysqld]\nskip-networking\n"), (edit.Path, edit.Before, edit.After));
        await AssertConvergesOnce(tree);
    }

    [Fact]
    public async Task Check_ValueItCannotInterpret_FailsNamingTheLineAndWritesNothing()
    {
        using var tree = TempTree.FromSample().Write("/etc/my.cnf.d/zz.cnf", "[mysqld]\nskip-networking=maybe\n");
        var before = Snapshot(tree);

        var error = await Assert.ThrowsAsync<UnsupportedFileException>(() => Check(tree));

        Assert.Equal("/etc/my.cnf.d/zz.cnf", error.Path);
        Assert.Contains("line 2 'skip-networking=maybe'", error.Problem, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(tree));
    }

    [Fact]
    public async Task Check_SeedFileTheServerDoesNotRead_FailsInsteadOfPlanningAUselessEdit()
    {
        using var tree = TempTree.FromSample();
        var options = RedHat with { SeedFile = "/etc/mysql/conf.d/unused.cnf", SeedWhereFilesAre = false };

        var error = await Assert.ThrowsAsync<HardeningException>(() => Check(tree, options));

        Assert.Contains("/etc/mysql/conf.d/unused.cnf is not read by the server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingIncludedFile_IsNotedAndDoesNotStopTheRule()
    {
        using var tree = TempTree.FromSample();
        tree.Write("/etc/my.cnf", tree.Read("/etc/my.cnf") + "!include /etc/my.cnf.local\n");

        var plan = await Check(tree);

        Assert.Single(plan.Changes);
        Assert.Contains(plan.Notes, note => note.Contains("/etc/my.cnf.local, which does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Watched_FilesAsNodesIncludeDirectoriesAndTheUnitsDirectoriesWithTheirEntries()
    {
        using var tree = TempTree.FromSample();

        var watched = Rule(tree).WatchedPaths;

        Assert.Contains(new WatchedPath("/etc/my.cnf", WatchScope.Node), watched);
        Assert.Contains(new WatchedPath("/etc/my.cnf.d/server.cnf", WatchScope.Node), watched);
        Assert.Contains(new WatchedPath("/etc/my.cnf.d", WatchScope.Entries), watched);
        Assert.Contains(new WatchedPath("/usr/lib/systemd/system/mariadb.service", WatchScope.Node), watched);
        Assert.Equal(
            ["/etc/my.cnf.d", "/etc/systemd/system/mariadb.service.d", "/etc/systemd/system/sockets.target.wants"],
            watched.Where(path => path.Scope == WatchScope.Entries).Select(path => path.Path).Distinct().Order(StringComparer.Ordinal));
    }
}
