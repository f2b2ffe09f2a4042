using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host.Descriptors;

/// <summary>
/// The walk every path goes through, on real trees with links planted the way the
/// unprivileged cloudshark account (uid 1000) could plant them.
/// </summary>
public sealed class PathWalkerTests : IDisposable
{
    private const uint CloudShark = 1000;
    private readonly TempTree _tree = new TempTree()
        .Write("/etc/passwd", "root:x:0:0::/root:/bin/sh\ncloudshark:x:1000:1000::/home/cloudshark:/bin/sh\n")
        .Write("/etc/secret.conf", "root only\n")
        .MakeDirectory("/var/www/cloudshark/shared/uploads")
        .Chown("/var/www/cloudshark", CloudShark, CloudShark)
        .Chown("/var/www/cloudshark/shared", CloudShark, CloudShark)
        .Chown("/var/www/cloudshark/shared/uploads", CloudShark, CloudShark);

    [Fact]
    public void ReadText_LinkOwnedByAnUnprivilegedAccount_IsRefusedNamingTheLinkAndItsOwner()
    {
        _tree.Symlink("/var/www/cloudshark/shared/uploads/c.conf", "/etc/secret.conf").Chown("/var/www/cloudshark/shared/uploads/c.conf", CloudShark, CloudShark);

        var error = Assert.Throws<UnsafePathException>(() => _tree.Files.ReadText("/var/www/cloudshark/shared/uploads/c.conf"));

        Assert.Equal("/var/www/cloudshark/shared/uploads/c.conf", error.Path);
        Assert.Contains("uid 1000 (cloudshark)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stat_AncestorSwappedForAnAccountsLink_IsRefusedAtTheLink()
    {
        // cloudshark renames its own shared directory and puts a link to root's /etc in its place.
        Directory.Move(_tree.HostPath("/var/www/cloudshark/shared"), _tree.HostPath("/var/www/cloudshark/shared.away"));
        _tree.Symlink("/var/www/cloudshark/shared", "/etc").Chown("/var/www/cloudshark/shared", CloudShark, CloudShark);

        var error = Assert.Throws<UnsafePathException>(() => _tree.Files.Stat("/var/www/cloudshark/shared/uploads"));

        Assert.Equal("/var/www/cloudshark/shared", error.Path);
    }

    [Fact]
    public void ReadText_RootOwnedLinkInADirectoryOthersCanWrite_IsRefused()
    {
        // Root made the link, but anyone could have renamed another root-owned link into place.
        _tree.MakeDirectory("/srv/drop").Symlink("/srv/drop/a.conf", "/etc/secret.conf");
        File.SetUnixFileMode(_tree.HostPath("/srv/drop"), (UnixFileMode)0b111_111_111);

        var error = Assert.Throws<UnsafePathException>(() => _tree.Files.ReadText("/srv/drop/a.conf"));

        Assert.Contains("writable by others (mode 0777)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_RootOwnedLinkInARootOnlyDirectory_IsFollowedInsideTheRoot()
    {
        _tree.Symlink("/etc/alternatives/my.cnf", "/etc/secret.conf");

        Assert.Equal("root only\n", _tree.Files.ReadText("/etc/alternatives/my.cnf")!.Text);
        Assert.Equal("/etc/secret.conf", _tree.Files.ResolveLinks("/etc/alternatives/my.cnf"));
    }

    [Fact]
    public void ReadText_RootOwnedDirectoryInsideAnAccountsDirectory_IsAnUnsafeTransition()
    {
        _tree.Write("/var/www/cloudshark/shared/root-dir/x.conf", "x\n");

        var error = Assert.Throws<UnsafePathException>(() => _tree.Files.ReadText("/var/www/cloudshark/shared/root-dir/x.conf"));

        Assert.Equal("/var/www/cloudshark/shared/root-dir", error.Path);
        Assert.Contains("which uid 1000 (cloudshark) owns", error.Message, StringComparison.Ordinal);
        // Looking is not acting: an audit can still see it is there.
        Assert.Equal(FileNodeKind.File, _tree.Files.Stat("/var/www/cloudshark/shared/root-dir/x.conf").Kind);
    }

    [Fact]
    public void ReadText_RootOwnedFileInAnAccountsDirectory_IsRefused()
    {
        // A hard link to a root-only file looks exactly like this where protected_hardlinks is off.
        _tree.Write("/var/www/cloudshark/shared/uploads/settings.conf", "root only\n");

        var error = Assert.Throws<UnsafePathException>(() => _tree.Files.ReadText("/var/www/cloudshark/shared/uploads/settings.conf"));

        Assert.Contains("belongs to uid 0 (root) but lies in /var/www/cloudshark/shared/uploads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveLinks_DotDotInALinkTarget_StopsAtTheRoot()
    {
        _tree.Symlink("/etc/up", "../../../../../../../../etc/secret.conf");

        Assert.Equal("root only\n", _tree.Files.ReadText("/etc/up")!.Text);
    }

    [Fact]
    public void ReadText_LinkLoop_FailsClearly()
    {
        _tree.Symlink("/etc/a", "b").Symlink("/etc/b", "./a");

        var error = Assert.Throws<HardeningException>(() => _tree.Files.ReadText("/etc/a"));

        Assert.Contains("too many levels of symbolic links", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_Fifo_IsRefusedWithoutWaitingForAWriter()
    {
        MakeFifo("/etc/my.cnf");

        var error = Assert.Throws<UnsupportedFileException>(() => _tree.Files.ReadText("/etc/my.cnf"));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListDirectory_ThroughATrustedLink_ListsTheTarget()
    {
        _tree.Write("/etc/my.cnf.d/b.cnf", "").Write("/etc/my.cnf.d/a.cnf", "").Symlink("/etc/conf.d", "my.cnf.d");

        Assert.Equal(["a.cnf", "b.cnf"], _tree.Files.ListDirectory("/etc/conf.d"));
    }

    public void Dispose() => _tree.Dispose();

    private void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [_tree.HostPath(path)]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
