using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host.Descriptors;

/// <summary>
/// The agent's own state in a crafted image: whatever its links say, nothing is written
/// outside the image's root, and nothing is written through a link or a hard link.
/// </summary>
public sealed class AgentStateTests : IDisposable
{
    private const string State = TempTree.StateDirectory;
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly TempTree _image = new TempTree().Write("/etc/my.cnf", "old\n");
    private readonly TempTree _host = new TempTree().Write("/etc/cron.d/placeholder", "host file\n");

    [Fact]
    public async Task StateDirectory_AnAbsoluteLinkOutOfTheImage_LeadsBackInsideIt()
    {
        _image.MakeDirectory("/var/lib").Symlink(State, _host.HostPath("/etc/cron.d"));
        var hostBefore = _host.Snapshot();

        _image.Host.Writer.WriteStateFile(State + "/last-run.json", "{}\n");
        await _image.Host.Writer.ReplaceAsync("/etc/my.cnf", "old\n", "new\n", Mode0644, CancellationToken.None);

        Assert.Equal(hostBefore, _host.Snapshot());
        // The link's text, read inside the image, names a directory inside the image.
        Assert.Equal("{}\n", _image.Read(_host.HostPath("/etc/cron.d") + "/last-run.json"));
        Assert.Single(_image.Host.Backups.History("/etc/my.cnf"));
    }

    [Fact]
    public void StateFile_PlantedAsALinkToAHostFile_IsReplacedNotFollowed()
    {
        _image.MakeDirectory(State).Symlink(State + "/last-run.json", _host.HostPath("/etc/cron.d/placeholder"));
        var hostBefore = _host.Snapshot();

        _image.Host.Writer.WriteStateFile(State + "/last-run.json", "{}\n");

        Assert.Equal(hostBefore, _host.Snapshot());
        Assert.Equal(FileNodeKind.File, _image.Files.Stat(State + "/last-run.json").Kind);
    }

    [Fact]
    public async Task BackupIndex_PlantedAsALink_IsRefusedAndTheFileIsNotChanged()
    {
        _image.MakeDirectory(State + "/backups").Symlink(State + "/backups/index.jsonl", _host.HostPath("/etc/cron.d/placeholder"));
        var hostBefore = _host.Snapshot();

        var error = await Assert.ThrowsAsync<HardeningException>(() => _image.Host.Writer.ReplaceAsync("/etc/my.cnf", "old\n", "new\n", Mode0644, CancellationToken.None).AsTask());

        Assert.Contains("cannot back up /etc/my.cnf", error.Message, StringComparison.Ordinal);
        Assert.Equal(hostBefore, _host.Snapshot());
        Assert.Equal("old\n", _image.Read("/etc/my.cnf"));
    }

    [Fact]
    public async Task BackupIndex_HardLinkedElsewhere_IsRefused()
    {
        _image.Write("/etc/elsewhere", "not the index\n").MakeDirectory(State + "/backups").HardLink(State + "/backups/index.jsonl", "/etc/elsewhere");

        await Assert.ThrowsAsync<HardeningException>(() => _image.Host.Writer.ReplaceAsync("/etc/my.cnf", "old\n", "new\n", Mode0644, CancellationToken.None).AsTask());

        Assert.Equal("not the index\n", _image.Read("/etc/elsewhere"));
    }

    [Fact]
    public void StateDirectory_OwnedByAnotherAccount_IsRefused()
    {
        _image.MakeDirectory(State).Chown(State, 1000, 1000);

        var error = Assert.Throws<UnsafePathException>(() => _image.Host.Writer.WriteStateFile(State + "/last-run.json", "{}\n"));

        Assert.Contains("can be written by an account other than root", error.Message, StringComparison.Ordinal);
        Assert.False(_image.Exists(State + "/last-run.json"));
    }

    [Fact]
    public void Publish_IntoAnotherAccountsDirectory_ReplacesAPlantedLinkInsteadOfFollowingIt()
    {
        _image.MakeDirectory("/var/lib/node-exporter").Chown("/var/lib/node-exporter", 1000, 1000)
            .Symlink("/var/lib/node-exporter/cloudshark_hardening.prom", "/etc/my.cnf");

        _image.Host.Writer.Publish("/var/lib/node-exporter/cloudshark_hardening.prom", "metrics\n", Mode0644);

        Assert.Equal("old\n", _image.Read("/etc/my.cnf"));
        Assert.Equal("metrics\n", _image.Read("/var/lib/node-exporter/cloudshark_hardening.prom"));
    }

    public void Dispose()
    {
        _image.Dispose();
        _host.Dispose();
    }
}
