using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host;

public sealed class RootedFileSystemTests
{
    [Fact]
    public void Stat_RegularFile_ReportsKindModeOwnerAndSize()
    {
        using var tree = new TempTree().Write("/etc/a.conf", "hello\n");
        File.SetUnixFileMode(tree.HostPath("/etc/a.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var node = tree.Files.Stat("/etc/a.conf");

        Assert.Equal(FileNodeKind.File, node.Kind);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, node.Mode);
        Assert.Equal(6, node.Size);
        Assert.Equal(GetUid(), node.UserId);
    }

    [Fact]
    public void ResolveLinks_AbsoluteTarget_StaysInsideTheRoot()
    {
        using var tree = new TempTree()
            .Write("/etc/mysql/mariadb.cnf", "[client-server]\n")
            .Symlink("/etc/alternatives/my.cnf", "/etc/mysql/mariadb.cnf")
            .Symlink("/etc/mysql/my.cnf", "/etc/alternatives/my.cnf");

        Assert.Equal("/etc/mysql/mariadb.cnf", tree.Files.ResolveLinks("/etc/mysql/my.cnf"));
        Assert.Equal("[client-server]\n", tree.Files.ReadText("/etc/mysql/my.cnf")!.Text);
    }

    [Fact]
    public void ResolveLinks_RelativeTargetWithDotDot_NeverClimbsAboveTheRoot()
    {
        using var tree = new TempTree().Symlink("/etc/x", "../../../../etc/y");

        Assert.Equal("/etc/y", tree.Files.ResolveLinks("/etc/x"));
    }

    [Fact]
    public void ResolveLinks_Loop_FailsClearly()
    {
        using var tree = new TempTree().Symlink("/etc/a", "/etc/b").Symlink("/etc/b", "/etc/a");

        var error = Assert.Throws<HardeningException>(() => tree.Files.ResolveLinks("/etc/a"));
        Assert.Contains("too many levels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\r\nb\r\n", "CRLF")]
    [InlineData("a\0b", "binary")]
    [InlineData("\uFEFFa=1\n", "byte-order mark")]
    public void ReadText_UnsupportedContent_FailsNamingTheProblem(string content, string expected)
    {
        using var tree = new TempTree().Write("/etc/a.conf", content);

        var error = Assert.Throws<UnsupportedFileException>(() => tree.Files.ReadText("/etc/a.conf"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("/etc/a.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_InvalidUtf8_Fails()
    {
        using var tree = new TempTree().WriteBytes("/etc/a.conf", [0x61, 0xff, 0x0a]);

        Assert.Throws<UnsupportedFileException>(() => tree.Files.ReadText("/etc/a.conf"));
    }

    [Fact]
    public void ReadText_HugeFile_Fails()
    {
        using var tree = new TempTree().Write("/etc/a.conf", new string('#', RootedFileSystem.MaxTextFileBytes + 1));

        var error = Assert.Throws<UnsupportedFileException>(() => tree.Files.ReadText("/etc/a.conf"));
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_Directory_Fails()
    {
        using var tree = new TempTree().MakeDirectory("/etc/a.conf");

        Assert.Throws<UnsupportedFileException>(() => tree.Files.ReadText("/etc/a.conf"));
    }

    [Fact]
    public void ReadText_Missing_IsNull()
    {
        using var tree = new TempTree();

        Assert.Null(tree.Files.ReadText("/etc/none.conf"));
    }

    [Theory]
    [InlineData("etc/my.cnf")]
    [InlineData("/etc/../root/x")]
    [InlineData("")]
    public void HostPath_RelativeOrClimbing_IsRejected(string path)
    {
        using var tree = new TempTree();

        Assert.Throws<ArgumentException>(() => tree.Files.HostPath(path));
    }

    private static uint GetUid() => uint.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
