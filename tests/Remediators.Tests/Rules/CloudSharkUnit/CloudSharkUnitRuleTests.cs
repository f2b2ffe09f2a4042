using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.CloudSharkUnit;

public sealed class CloudSharkUnitRuleTests
{
    private const string DropIn = "/etc/systemd/system/cloudshark.service.d/override.conf";
    private const string Sample = "[Service]\nEnvironment=RAILS_ENV=production\n";

    [Fact]
    public async Task Check_SampleDropIn_PlansUnitSectionOnTopAndOneDaemonReload()
    {
        using var tree = TempTree.FromSample();
        var before = tree.Snapshot();

        var plan = await Rule(tree).CheckAsync(CancellationToken.None);

        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Equal(DropIn, edit.Path);
        Assert.Equal(Sample, edit.Before);
        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n\n" + Sample, edit.After);
        Assert.Equal(UnitAction.DaemonReload, Assert.Single(plan.UnitActions));
        Assert.Contains(plan.Notes, note => note.Contains("next start of cloudshark.service", StringComparison.Ordinal));
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task CheckApplyCheck_SampleDrift_ConvergesAndASecondApplyWritesNothing()
    {
        using var tree = TempTree.FromSample();
        var rule = Rule(tree);
        var ct = CancellationToken.None;

        var first = await rule.CheckAsync(ct);
        Assert.False(first.IsCompliant);
        await rule.ApplyAsync(first, ct);
        var second = await rule.CheckAsync(ct);

        Assert.True(second.IsCompliant);
        Assert.Empty(second.UnitActions);
        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n\n[Service]\nEnvironment=RAILS_ENV=production\n", tree.Read(DropIn));
        var settled = tree.Snapshot(TempTree.StateDirectory);
        await rule.ApplyAsync(second, ct);
        await rule.ApplyAsync(first, ct); // a stale plan whose edit is already made is a no-op too
        Assert.Equal(settled, tree.Snapshot(TempTree.StateDirectory));
    }

    [Fact]
    public async Task Apply_SampleDrift_BacksUpTheDropInBeforeReplacingIt()
    {
        using var tree = TempTree.FromSample();
        var rule = Rule(tree);
        var ct = CancellationToken.None;

        await rule.ApplyAsync(await rule.CheckAsync(ct), ct);

        var entry = Assert.Single(tree.Host.Backups.History(DropIn));
        Assert.Equal(Sample, System.Text.Encoding.UTF8.GetString(tree.Host.Backups.Content(entry)!));
    }

    [Fact]
    public async Task Check_AlreadyRequired_IsCompliantWithNoUnitAction()
    {
        using var tree = new TempTree().Write(DropIn, "[Unit]\nRequiresMountsFor=/var/lib/mysql /cap/\n");

        var plan = await Rule(tree).CheckAsync(CancellationToken.None);

        Assert.True(plan.IsCompliant);
        Assert.Empty(plan.UnitActions);
    }

    [Fact]
    public async Task CheckApply_MissingDropIn_CreatesItWithJustTheUnitSection()
    {
        using var tree = new TempTree().MakeDirectory("/etc/systemd/system/cloudshark.service.d");
        var rule = Rule(tree);
        var ct = CancellationToken.None;

        var plan = await rule.CheckAsync(ct);
        await rule.ApplyAsync(plan, ct);

        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Null(edit.Before);
        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n", tree.Read(DropIn));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, tree.Files.Stat(DropIn).Mode);
        Assert.True((await rule.CheckAsync(ct)).IsCompliant);
    }

    [Fact]
    public async Task CheckApply_MissingDropInDirectory_CreatesItRootOwned0755First()
    {
        using var tree = new TempTree()
            .Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .Write("/etc/group", "root:x:0:\n")
            .MakeDirectory("/etc/systemd/system");
        var rule = Rule(tree);
        var ct = CancellationToken.None;

        var plan = await rule.CheckAsync(ct);
        await rule.ApplyAsync(plan, ct);

        Assert.Collection(
            plan.Changes,
            change => Assert.Equal(new DirectoryCreate("/etc/systemd/system/cloudshark.service.d", "root", "root", (UnixFileMode)0b111_101_101), change),
            change => Assert.IsType<FileEdit>(change));
        var directory = tree.Files.Stat("/etc/systemd/system/cloudshark.service.d");
        Assert.Equal(((UnixFileMode)0b111_101_101, 0u, 0u), (directory.Mode, directory.UserId, directory.GroupId));
        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n", tree.Read(DropIn));
    }

    [Fact]
    public async Task Check_NoSystemdDirectory_RefusesAndPlansNothing()
    {
        using var tree = new TempTree().MakeDirectory("/etc");

        var error = await Assert.ThrowsAsync<HardeningException>(async () => await Rule(tree).CheckAsync(CancellationToken.None));

        Assert.Contains("/etc/systemd/system does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckApply_DropInIsASymlink_EditsTheFileItPointsTo()
    {
        using var tree = new TempTree()
            .Write("/etc/cloudshark/override.conf", Sample)
            .Symlink(DropIn, "/etc/cloudshark/override.conf");
        var rule = Rule(tree);
        var ct = CancellationToken.None;

        var plan = await rule.CheckAsync(ct);
        await rule.ApplyAsync(plan, ct);

        Assert.Equal("/etc/cloudshark/override.conf", Assert.IsType<FileEdit>(Assert.Single(plan.Changes)).Path);
        Assert.Equal(FileNodeKind.Symlink, tree.Files.Stat(DropIn).Kind);
        Assert.StartsWith("[Unit]\nRequiresMountsFor=/cap\n", tree.Read("/etc/cloudshark/override.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ContinuedRequiresMountsFor_RefusesAndLeavesTheFileAlone()
    {
        using var tree = new TempTree().Write(DropIn, "[Unit]\nRequiresMountsFor=/data \\\n  /srv\n");
        var before = tree.Snapshot();

        await Assert.ThrowsAsync<UnsupportedFileException>(async () => await Rule(tree).CheckAsync(CancellationToken.None));

        Assert.Equal(before, tree.Snapshot());
    }

    private static CloudSharkUnitRule Rule(TempTree tree) => new(CloudSharkUnitOptions.Default, tree.Host);
}
