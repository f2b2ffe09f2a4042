using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Rules.Uploads;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Uploads;

/// <summary>Every state the rule will not act on: it throws, plans nothing and writes nothing.</summary>
public sealed class UploadsRuleRefusalTests
{
    private const string Uploads = "/var/www/cloudshark/shared/uploads";

    [Theory]
    [InlineData("nosuchuser", "cloudshark", "user 'nosuchuser'")]
    [InlineData("cloudshark", "nosuchgroup", "group 'nosuchgroup'")]
    public async Task Check_UnknownAccount_Refuses(string user, string group, string expected)
    {
        using var tree = TempTree.FromSample();

        await AssertRefused(tree, UploadsOptions.Default with { User = user, Group = group }, expected);
    }

    [Fact]
    public async Task Check_StorageIsAFile_Refuses()
    {
        using var tree = TempTree.FromSample().Write("/cap", "not a directory");

        await AssertRefused(tree, UploadsOptions.Default, "/cap exists but is not a directory");
    }

    [Fact]
    public async Task Check_StorageWorldWritable_RefusesAndDoesNotChmod()
    {
        using var tree = TempTree.FromSample().MakeDirectory("/cap");
        File.SetUnixFileMode(tree.HostPath("/cap"), (UnixFileMode)0b111_111_111);

        await AssertRefused(tree, UploadsOptions.Default, "world-writable (mode 0777): any local user could plant captures");
    }

    [Fact]
    public async Task Check_StorageIsASymlink_Refuses()
    {
        using var tree = TempTree.FromSample().MakeDirectory("/mnt/cap").Symlink("/cap", "/mnt/cap");

        await AssertRefused(tree, UploadsOptions.Default, "reached through a link you did not expect: /cap is a symlink");
    }

    [Fact]
    public async Task Check_StorageParentIsASymlink_Refuses()
    {
        using var tree = TempTree.FromSample().MakeDirectory("/data/cap").Symlink("/srv", "/data");

        await AssertRefused(tree, UploadsOptions.Default with { StorageDirectory = "/srv/cap" }, "/srv is a symlink");
    }

    [Fact]
    public async Task Check_StorageParentMissing_Refuses()
    {
        using var tree = TempTree.FromSample();

        await AssertRefused(tree, UploadsOptions.Default with { StorageDirectory = "/mnt/data/cap" }, "its parent /mnt/data does not exist");
    }

    [Fact]
    public async Task Check_UploadsParentMissing_RefusesAsNotInstalled()
    {
        using var tree = TempTree.FromSample();
        Directory.Delete(tree.HostPath("/var/www"), recursive: true);

        await AssertRefused(tree, UploadsOptions.Default, "is CloudShark installed?");
    }

    [Fact]
    public async Task Check_UploadsIsARegularFile_Refuses()
    {
        using var tree = TempTree.FromSample();
        Directory.Delete(tree.HostPath(Uploads), recursive: true);
        tree.Write(Uploads, "a file where the directory should be");

        await AssertRefused(tree, UploadsOptions.Default, "neither a directory nor a symlink");
    }

    [Fact]
    public async Task Check_OriginalAndTimestampedNamesBothTaken_Refuses()
    {
        using var tree = TempTree.FromSample()
            .MakeDirectory(Uploads + ".original")
            .MakeDirectory(Uploads + ".original.20261121T060000Z");

        await AssertRefused(tree, UploadsOptions.Default, "already exist");
    }

    [Fact]
    public async Task Check_StorageInsideUploads_Refuses()
    {
        using var tree = TempTree.FromSample();

        await AssertRefused(tree, UploadsOptions.Default with { StorageDirectory = Uploads + "/cap" }, "lies inside");
    }

    private static async Task AssertRefused(TempTree tree, UploadsOptions options, string expected)
    {
        var before = tree.Snapshot();

        var error = await Assert.ThrowsAsync<HardeningException>(async () => await new UploadsRule(options, tree.Host).CheckAsync(CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(before, tree.Snapshot());
    }
}
