using System.Text;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host;

public sealed class SafeFileWriterTests
{
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    [Fact]
    public async Task Replace_KeepsModeAndOwnerAndBacksUpTheOldContent()
    {
        using var tree = new TempTree().Write("/etc/my.cnf", "old\n");
        File.SetUnixFileMode(tree.HostPath("/etc/my.cnf"), Mode0640);
        tree.Chown("/etc/my.cnf", 27, 27);

        var written = await tree.Host.Writer.ReplaceAsync("/etc/my.cnf", "old\n", "new\n", Mode0644, CancellationToken.None);

        Assert.True(written);
        Assert.Equal("new\n", tree.Read("/etc/my.cnf"));
        var node = tree.Files.Stat("/etc/my.cnf");
        Assert.Equal((Mode0640, 27u, 27u), (node.Mode, node.UserId, node.GroupId));
        var backup = Assert.Single(tree.Host.Backups.History("/etc/my.cnf"));
        Assert.Equal("old\n", Encoding.UTF8.GetString(tree.Host.Backups.Content(backup)!));
        Assert.Equal((int)Mode0640, backup.Mode);
        Assert.Empty(Directory.GetFiles(tree.HostPath("/etc"), ".*"));
    }

    [Fact]
    public async Task Replace_UnchangedContent_WritesNothing()
    {
        using var tree = new TempTree().Write("/etc/a", "same\n");
        var before = tree.Snapshot();

        var written = await tree.Host.Writer.ReplaceAsync("/etc/a", "same\n", "same\n", Mode0644, CancellationToken.None);

        Assert.False(written);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task Replace_ThroughSymlink_EditsTheTargetAndKeepsTheLink()
    {
        using var tree = new TempTree().Write("/etc/mysql/mariadb.cnf", "old\n").Symlink("/etc/mysql/my.cnf", "mariadb.cnf");

        await tree.Host.Writer.ReplaceAsync("/etc/mysql/my.cnf", "old\n", "new\n", Mode0644, CancellationToken.None);

        Assert.Equal(FileNodeKind.Symlink, tree.Files.Stat("/etc/mysql/my.cnf").Kind);
        Assert.Equal("new\n", tree.Read("/etc/mysql/mariadb.cnf"));
    }

    [Fact]
    public async Task Replace_FileChangedSinceCheck_RefusesAndLeavesIt()
    {
        using var tree = new TempTree().Write("/etc/a", "someone else\n");

        await Assert.ThrowsAsync<FileChangedSinceCheckException>(() =>
            tree.Host.Writer.ReplaceAsync("/etc/a", "what we read\n", "ours\n", Mode0644, CancellationToken.None).AsTask());

        Assert.Equal("someone else\n", tree.Read("/etc/a"));
    }

    [Fact]
    public async Task Replace_NewFile_IsCreatedWithTheRequestedModeAndItsAbsenceRecorded()
    {
        using var tree = new TempTree().MakeDirectory("/etc");

        await tree.Host.Writer.ReplaceAsync("/etc/new.conf", null, "x\n", Mode0644, CancellationToken.None);

        Assert.Equal(Mode0644, tree.Files.Stat("/etc/new.conf").Mode);
        Assert.True(Assert.Single(tree.Host.Backups.History("/etc/new.conf")).RecordsAbsence);
    }

    [Fact]
    public async Task Replace_SameContentTwice_IsStoredOnceInTheBackups()
    {
        using var tree = new TempTree().Write("/etc/a", "v1\n");
        await tree.Host.Writer.ReplaceAsync("/etc/a", "v1\n", "v2\n", Mode0644, CancellationToken.None);
        await tree.Host.Writer.ReplaceAsync("/etc/a", "v2\n", "v1\n", Mode0644, CancellationToken.None);
        await tree.Host.Writer.ReplaceAsync("/etc/a", "v1\n", "v2\n", Mode0644, CancellationToken.None);

        Assert.Equal(3, tree.Host.Backups.History("/etc/a").Count);
        Assert.Equal(2, Directory.GetFiles(tree.HostPath("/var/lib/cloudshark-hardening/backups/objects")).Length);
    }

    [Fact]
    public async Task Replace_DiskFullMidWrite_OriginalIntactAndTempFileRemoved()
    {
        using var mount = ScratchMount.Create(sizeKiB: 64);
        var files = new RootedFileSystem(mount.Path);
        File.WriteAllText(Path.Combine(mount.Path, "memcached"), "OPTIONS=\"\"\n");
        // Backups live on another file system, as /var/lib usually is apart from a full /etc.
        using var state = new TempTree();
        var writer = new SafeFileWriter(files, new BackupStore(state.Files, "/state", state.Time));
        mount.Fill();
        var huge = new string('#', 512 * 1024) + "\n";

        var error = await Assert.ThrowsAsync<HardeningException>(() =>
            writer.ReplaceAsync("/memcached", "OPTIONS=\"\"\n", huge, Mode0644, CancellationToken.None).AsTask());

        Assert.Contains("original is intact", error.Message, StringComparison.Ordinal);
        Assert.Equal("OPTIONS=\"\"\n", File.ReadAllText(Path.Combine(mount.Path, "memcached")));
        Assert.Equal(["filler", "memcached"], Directory.GetFileSystemEntries(mount.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Replace_ReadOnlyFileSystem_FailsClearlyAndChangesNothing()
    {
        using var mount = ScratchMount.Create(sizeKiB: 256);
        File.WriteAllText(Path.Combine(mount.Path, "my.cnf"), "[mysqld]\n");
        mount.RemountReadOnly();
        using var state = new TempTree();
        var writer = new SafeFileWriter(new RootedFileSystem(mount.Path), new BackupStore(state.Files, "/state", state.Time));

        var error = await Assert.ThrowsAsync<HardeningException>(() =>
            writer.ReplaceAsync("/my.cnf", "[mysqld]\n", "[mysqld]\nskip-networking\n", Mode0644, CancellationToken.None).AsTask());
        var again = await Assert.ThrowsAsync<HardeningException>(() =>
            writer.ReplaceAsync("/my.cnf", "[mysqld]\n", "[mysqld]\nskip-networking\n", Mode0644, CancellationToken.None).AsTask());

        Assert.Contains("/my.cnf", error.Message, StringComparison.Ordinal);
        Assert.Equal("[mysqld]\n", File.ReadAllText(Path.Combine(mount.Path, "my.cnf")));
        // No temp file's random name in it: the daemon tells a repeated failure by its text.
        Assert.Equal(error.Message, again.Message);
    }
}
