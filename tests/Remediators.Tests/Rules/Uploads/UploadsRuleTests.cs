using System.Security.Cryptography;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.Uploads;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Uploads;

public sealed class UploadsRuleTests
{
    private const string Uploads = "/var/www/cloudshark/shared/uploads";
    private const string Original = Uploads + ".original";
    private const string Capture = "/2026-11/capture-0001.pcap";
    private const uint CloudShark = 1000; // the sample /etc/passwd and /etc/group
    private const UnixFileMode Mode0750 = (UnixFileMode)0b111_101_000;

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Check_SampleTree_PlansStorageThenMoveAsideThenLinkAndWritesNothing()
    {
        using var tree = TempTree.FromSample();
        var before = tree.Snapshot();

        var plan = await Rule(tree).CheckAsync(Ct);

        Assert.Collection(
            plan.Changes,
            change => Assert.Equal(new DirectoryCreate("/cap", "cloudshark", "cloudshark", Mode0750), change),
            change => Assert.Equal((Uploads, Original), (((MoveAside)change).Path, ((MoveAside)change).To)),
            change => Assert.Equal(new SymlinkSet(Uploads, "/cap", null), change));
        Assert.Empty(plan.UnitActions);
        Assert.Contains(plan.Notes, note => note.Contains(Original, StringComparison.Ordinal));
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task CheckApplyCheck_SampleTree_ConvergesKeepsEveryCaptureAndASecondApplyWritesNothing()
    {
        using var tree = TempTree.FromSample();
        var captureHash = Sha256(tree, Uploads + Capture);
        var rule = Rule(tree);

        var first = await rule.CheckAsync(Ct);
        Assert.False(first.IsCompliant);
        await rule.ApplyAsync(first, Ct);
        var second = await rule.CheckAsync(Ct);

        Assert.True(second.IsCompliant);
        Assert.Equal(("/cap", FileNodeKind.Symlink), (tree.Files.Stat(Uploads).LinkTarget, tree.Files.Stat(Uploads).Kind));
        var storage = tree.Files.Stat("/cap");
        Assert.Equal((FileNodeKind.Directory, Mode0750, CloudShark, CloudShark), (storage.Kind, storage.Mode, storage.UserId, storage.GroupId));
        Assert.Equal(captureHash, Sha256(tree, Original + Capture));
        Assert.True(tree.Exists(Original + "/README.txt"));
        var settled = tree.Snapshot(TempTree.StateDirectory);
        await rule.ApplyAsync(second, Ct);
        Assert.Equal(settled, tree.Snapshot(TempTree.StateDirectory));
    }

    [Fact]
    public async Task CheckApply_PackageUpgradeRecreatedUploads_MovesItToATimestampedNameKeepingBothDirectories()
    {
        using var tree = TempTree.FromSample();
        var rule = Rule(tree);
        await rule.ApplyAsync(await rule.CheckAsync(Ct), Ct);
        var firstCapture = Sha256(tree, Original + Capture);
        File.Delete(tree.HostPath(Uploads));
        tree.WriteBytes(Uploads + "/2026-12/capture-0002.pcap", [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]);
        var secondCapture = Sha256(tree, Uploads + "/2026-12/capture-0002.pcap");
        tree.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(7));

        var plan = await rule.CheckAsync(Ct);
        await rule.ApplyAsync(plan, Ct);

        const string stamped = Original + ".20261124T060007Z";
        Assert.Collection(
            plan.Changes,
            change => Assert.Equal(stamped, Assert.IsType<MoveAside>(change).To),
            change => Assert.Equal(new SymlinkSet(Uploads, "/cap", null), change));
        Assert.Contains(plan.Notes, note => note.Contains(stamped, StringComparison.Ordinal) && note.Contains("package upgrade", StringComparison.Ordinal));
        Assert.Equal(firstCapture, Sha256(tree, Original + Capture));
        Assert.Equal(secondCapture, Sha256(tree, stamped + "/2026-12/capture-0002.pcap"));
        Assert.False(tree.Exists(Original + "/2026-12"));
        Assert.Equal("/cap", tree.Files.Stat(Uploads).LinkTarget);
        Assert.True((await rule.CheckAsync(Ct)).IsCompliant);
    }

    [Fact]
    public async Task Apply_StalePlanAfterConvergence_FailsWithoutTouchingAnything()
    {
        using var tree = TempTree.FromSample();
        var rule = Rule(tree);
        var first = await rule.CheckAsync(Ct);
        await rule.ApplyAsync(first, Ct);
        var settled = tree.Snapshot(TempTree.StateDirectory);

        await Assert.ThrowsAnyAsync<Errors.HardeningException>(async () => await rule.ApplyAsync(first, Ct));

        Assert.Equal(settled, tree.Snapshot(TempTree.StateDirectory));
    }

    [Theory]
    [InlineData("/cap")]
    [InlineData("/cap/")]
    [InlineData("//cap/./")]
    [InlineData("../../../../cap")]
    [InlineData("../../../../../../../../cap")]
    [InlineData("../uploads/../../../../cap/")]
    public async Task Check_LinkAlreadyPointsAtStorage_IsCompliant(string target)
    {
        using var tree = StorageReady().Symlink(Uploads, target);

        var plan = await Rule(tree).CheckAsync(Ct);

        Assert.True(plan.IsCompliant, string.Join("; ", plan.Changes.Select(change => change.Describe())));
    }

    [Theory]
    [InlineData("/data/old-uploads")]
    [InlineData("../../../../data/old-uploads")]
    [InlineData("/cap/sub")]
    [InlineData("/capture")]
    public async Task CheckApply_LinkElsewhere_RelinksNamesTheOldTargetAndLeavesItsCapturesAlone(string target)
    {
        using var tree = StorageReady().Write("/data/old-uploads/old.pcap", "old capture").Symlink(Uploads, target);
        var rule = Rule(tree);

        var plan = await rule.CheckAsync(Ct);
        await rule.ApplyAsync(plan, Ct);

        Assert.Equal(new SymlinkSet(Uploads, "/cap", target), Assert.Single(plan.Changes));
        Assert.Contains(plan.Notes, note => note.Contains(target, StringComparison.Ordinal));
        Assert.Equal("/cap", tree.Files.Stat(Uploads).LinkTarget);
        Assert.Equal("old capture", tree.Read("/data/old-uploads/old.pcap"));
    }

    [Fact]
    public async Task CheckApply_UploadsMissing_LinksIt()
    {
        using var tree = StorageReady();
        var rule = Rule(tree);

        var plan = await rule.CheckAsync(Ct);
        await rule.ApplyAsync(plan, Ct);

        Assert.Equal(new SymlinkSet(Uploads, "/cap", null), Assert.Single(plan.Changes));
        Assert.Empty(plan.Notes);
        Assert.Equal("/cap", tree.Files.Stat(Uploads).LinkTarget);
    }

    [Fact]
    public async Task CheckApply_StorageOwnedByRoot_ChownsTheDirectoryItselfOnly()
    {
        using var tree = StorageReady().Symlink(Uploads, "/cap").Write("/cap/inside.pcap", "x");
        tree.Chown("/cap", 0, 0);
        var rule = Rule(tree);

        var plan = await rule.CheckAsync(Ct);
        await rule.ApplyAsync(plan, Ct);

        Assert.Equal(new OwnershipSet("/cap", "cloudshark", "cloudshark", "root:root"), Assert.Single(plan.Changes));
        Assert.Equal((CloudShark, CloudShark), (tree.Files.Stat("/cap").UserId, tree.Files.Stat("/cap").GroupId));
        Assert.Equal((0u, 0u), (tree.Files.Stat("/cap/inside.pcap").UserId, tree.Files.Stat("/cap/inside.pcap").GroupId));
        Assert.True((await rule.CheckAsync(Ct)).IsCompliant);
    }

    [Fact]
    public async Task CheckApply_UploadsParentIsAnAbsoluteSymlink_WorksOnTheRealDirectoryInsideTheRoot()
    {
        using var tree = StorageReady();
        Directory.Delete(tree.HostPath("/var/www/cloudshark/shared"));
        tree.MakeDirectory("/srv/cloudshark-shared").Symlink("/var/www/cloudshark/shared", "/srv/cloudshark-shared");
        var rule = Rule(tree);

        var plan = await rule.CheckAsync(Ct);
        await rule.ApplyAsync(plan, Ct);

        Assert.Equal(new SymlinkSet("/srv/cloudshark-shared/uploads", "/cap", null), Assert.Single(plan.Changes));
        Assert.Equal("/cap", tree.Files.Stat("/srv/cloudshark-shared/uploads").LinkTarget);
        Assert.True((await rule.CheckAsync(Ct)).IsCompliant);
    }

    // The sample's accounts and CloudShark's shared directory, with /cap already right.
    private static TempTree StorageReady()
    {
        var tree = TempTree.FromSample();
        Directory.Delete(tree.HostPath(Uploads), recursive: true);
        tree.MakeDirectory("/cap");
        File.SetUnixFileMode(tree.HostPath("/cap"), Mode0750);
        tree.Chown("/cap", CloudShark, CloudShark);
        return tree;
    }

    private static string Sha256(TempTree tree, string path) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(tree.HostPath(path))));

    private static UploadsRule Rule(TempTree tree) => new(UploadsOptions.Default, tree.Host);
}
