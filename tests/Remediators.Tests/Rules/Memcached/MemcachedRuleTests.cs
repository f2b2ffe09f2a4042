using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class MemcachedRuleTests
{
    private const string SysconfigPath = "/etc/sysconfig/memcached";
    private const string DebianPath = "/etc/memcached.conf";

    [Fact]
    public async Task Check_SampleAppliance_PlansUdpOffAndLoopbackListenInOneEdit()
    {
        using var tree = TempTree.FromSample();
        var before = tree.Snapshot();

        var plan = await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None);

        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Equal(SysconfigPath, edit.Path);
        Assert.Equal(tree.Read(SysconfigPath), edit.Before);
        Assert.Equal(
            "PORT=\"11211\"\nUSER=\"memcached\"\nMAXCONN=\"1024\"\nCACHESIZE=\"64\"\nOPTIONS=\"-U 0 -t 4 -l 127.0.0.1\"\n",
            edit.After);
        Assert.Equal("listen on 127.0.0.1 only, UDP off (was: all interfaces, UDP 11211)", edit.Why);
        Assert.Equal([UnitAction.Restart("memcached.service")], plan.UnitActions.AsEnumerable());
        Assert.Equal("memcached", plan.Rule);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task CheckApply_SampleAppliance_ConvergesAndThenWritesNothing()
    {
        using var tree = TempTree.FromSample();

        await AssertIdempotent(tree, Rule(tree, Platform.RedHat), SysconfigPath);
    }

    [Fact]
    public async Task CheckApply_DebianLayoutWithDrift_ConvergesAndThenWritesNothing()
    {
        var drifted = MemcachedFixture.Read(MemcachedFixture.Debian12Conf)
            .Replace("-l 127.0.0.1", "-l 0.0.0.0", StringComparison.Ordinal) + "-U 11211\n";
        using var tree = new TempTree().Write(DebianPath, drifted);

        var after = await AssertIdempotent(tree, Rule(tree, Platform.Debian), DebianPath);

        Assert.Equal(
            drifted.Replace("-l 0.0.0.0", "-l 127.0.0.1", StringComparison.Ordinal).Replace("-U 11211", "-U 0", StringComparison.Ordinal),
            after);
    }

    [Fact]
    public async Task Check_Compliant_ReturnsAnEmptyPlanWithoutRestart()
    {
        using var tree = new TempTree().Write(SysconfigPath, "OPTIONS=\"-l 127.0.0.1,::1 -U 0 -t 4\"\n");

        var plan = await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None);

        Assert.True(plan.IsCompliant);
        Assert.Empty(plan.UnitActions);
    }

    [Theory]
    [InlineData(Platform.RedHat, SysconfigPath, "OPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    [InlineData(Platform.Debian, DebianPath, "-l 127.0.0.1\n-U 0\n")]
    public async Task CheckApply_MissingConfigFile_CreatesItWithANote(Platform platform, string path, string content)
    {
        using var tree = new TempTree().MakeDirectory("/etc/sysconfig");
        var rule = Rule(tree, platform);

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Null(edit.Before);
        Assert.Equal($"{path} was absent; it is created holding only memcached's listen and UDP settings", plan.Notes[0]);
        Assert.Equal("listen on 127.0.0.1 only, UDP off (was: no config file)", edit.Why);
        Assert.Equal(content, tree.Read(path));
        Assert.True((await rule.CheckAsync(CancellationToken.None)).IsCompliant);
    }

    [Fact]
    public async Task CheckApply_ConfigBehindSymlink_EditsTheTargetAndKeepsTheLink()
    {
        using var tree = new TempTree()
            .Write("/etc/memcached/main.conf", "-l 0.0.0.0\n-U 0\n")
            .Symlink(DebianPath, "/etc/memcached/main.conf");
        var rule = Rule(tree, Platform.Debian);

        var plan = await rule.CheckAsync(CancellationToken.None);
        await rule.ApplyAsync(plan, CancellationToken.None);

        Assert.Equal("/etc/memcached/main.conf", Assert.Single(plan.Changes).Path);
        Assert.Equal("/etc/memcached/main.conf", tree.Files.Stat(DebianPath).LinkTarget);
        Assert.Equal("-l 127.0.0.1\n-U 0\n", tree.Read("/etc/memcached/main.conf"));
    }

    [Theory]
    [InlineData("OPTIONS=\"-l $LISTEN -U 0\"\n")]
    [InlineData("OPTIONS=\"-l 127.0.0.1\n")]
    [InlineData("OPTIONS=-l 0.0.0.0 \\\n -U 0\n")]
    public async Task Check_OptionsItCannotJudge_FailsTypedAndTouchesNothing(string text)
    {
        using var tree = new TempTree().Write(SysconfigPath, text);
        var before = tree.Snapshot();

        var error = await Assert.ThrowsAsync<UnsupportedFileException>(
            async () => await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None));

        Assert.Equal(SysconfigPath, error.Path);
        Assert.False(error.IsTransient);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task Apply_FileChangedAfterCheck_RefusesAndKeepsTheNewContent()
    {
        using var tree = TempTree.FromSample();
        var rule = Rule(tree, Platform.RedHat);
        var plan = await rule.CheckAsync(CancellationToken.None);
        tree.Write(SysconfigPath, "OPTIONS=\"-l 10.1.1.1\"\n");

        await Assert.ThrowsAsync<FileChangedSinceCheckException>(async () => await rule.ApplyAsync(plan, CancellationToken.None));

        Assert.Equal("OPTIONS=\"-l 10.1.1.1\"\n", tree.Read(SysconfigPath));
    }

    [Fact]
    public async Task Check_Cancelled_Throws()
    {
        using var tree = TempTree.FromSample();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await Rule(tree, Platform.RedHat).CheckAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Name_IsTheRuleName()
    {
        using var tree = new TempTree();

        Assert.Equal("memcached", Rule(tree, Platform.RedHat).Name);
        Assert.Equal("memcached", MemcachedRule.RuleName);
    }

    private static MemcachedRule Rule(TempTree tree, Platform platform) => new(MemcachedOptions.For(platform), tree.Host);

    /// <summary>drift → Check (non-empty) → Apply → Check (empty) → Apply again writes nothing.</summary>
    private static async Task<string> AssertIdempotent(TempTree tree, MemcachedRule rule, string path)
    {
        var drift = await rule.CheckAsync(CancellationToken.None);
        Assert.False(drift.IsCompliant);

        await rule.ApplyAsync(drift, CancellationToken.None);
        var converged = await rule.CheckAsync(CancellationToken.None);
        Assert.True(converged.IsCompliant);

        var settled = tree.Snapshot(exceptUnder: TempTree.StateDirectory);
        await rule.ApplyAsync(drift, CancellationToken.None);
        await rule.ApplyAsync(converged, CancellationToken.None);
        Assert.Equal(settled, tree.Snapshot(exceptUnder: TempTree.StateDirectory));
        return tree.Read(path);
    }
}
