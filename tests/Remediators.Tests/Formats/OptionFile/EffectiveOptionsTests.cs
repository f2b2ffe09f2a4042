using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

public sealed class EffectiveOptionsTests
{
    private static BooleanOptionVerdict SkipNetworking(TempTree tree) =>
        EffectiveOptions.Boolean(OptionFileChain.Read(tree.Files, ["/etc/my.cnf"]), "skip-networking", serverDefault: false);

    [Theory]
    [InlineData("mysqld-10.11")]
    [InlineData("galera")]
    [InlineData("client-server")]
    [InlineData("server")]
    [InlineData("mariadbd")]
    public void Boolean_SetInAnyServerGroup_Counts(string group)
    {
        using var tree = new TempTree().Write("/etc/my.cnf", $"[{group}]\nskip-networking\n");

        Assert.True(SkipNetworking(tree).IsOn);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("mysqld_safe")]
    [InlineData("embedded")]
    public void Boolean_SetOnlyInANonServerGroup_DoesNotCount(string group)
    {
        using var tree = new TempTree().Write("/etc/my.cnf", $"[{group}]\nskip-networking\n");

        var verdict = SkipNetworking(tree);

        Assert.False(verdict.IsOn);
        Assert.Null(verdict.DecidedBy);
    }

    [Fact]
    public void Boolean_NegationInClientGroupAfterServerSetting_DoesNotCount()
    {
        using var tree = new TempTree().Write("/etc/my.cnf", "[mysqld]\nskip-networking\n[client]\nskip-networking=0\n");

        Assert.True(SkipNetworking(tree).IsOn);
    }

    [Fact]
    public void Boolean_LaterFileInAnotherServerGroup_WinsAndIsNamed()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\nskip-networking\n!includedir /etc/my.cnf.d\n")
            .Write("/etc/my.cnf.d/zz.cnf", "# override\n\n[mariadb]\nskip_networking=0\n");

        var verdict = SkipNetworking(tree);

        Assert.False(verdict.IsOn);
        Assert.Equal("/etc/my.cnf.d/zz.cnf:4", verdict.DecidedBy!.Location);
        Assert.Equal("skip-networking effective: off (decided by /etc/my.cnf.d/zz.cnf:4 skip_networking=0)", verdict.Describe());
    }

    [Fact]
    public void Boolean_TextAfterTheIncludeDir_BeatsTheIncludedFiles()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\n!includedir /etc/my.cnf.d\n[mariadbd]\nenable-skip-networking\n")
            .Write("/etc/my.cnf.d/server.cnf", "[mysqld]\ndisable-skip-networking\n");

        var verdict = SkipNetworking(tree);

        Assert.True(verdict.IsOn);
        Assert.Equal("/etc/my.cnf:4", verdict.DecidedBy!.Location);
    }

    [Fact]
    public void Boolean_NothingSetsIt_IsTheServerDefaultAndSaysSo()
    {
        using var tree = new TempTree().Write("/etc/my.cnf", "[mysqld]\ndatadir=/var/lib/mysql\n");

        var verdict = SkipNetworking(tree);

        Assert.False(verdict.IsOn);
        Assert.Equal("skip-networking effective: off (no server option group sets it; the server default)", verdict.Describe());
    }
}
