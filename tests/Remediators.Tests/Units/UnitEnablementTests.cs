using CloudSharkHardening.Remediators.Units;
using CloudSharkHardening.TestSupport;
using static CloudSharkHardening.Remediators.Tests.Units.UnitFixture;

namespace CloudSharkHardening.Remediators.Tests.Units;

public sealed class UnitEnablementTests
{
    private const string SocketsWants = $"{AdminDirectory}/sockets.target.wants";

    [Fact]
    public void Read_SocketLinkedFromSocketsTarget_StartsAtBootWithThatLinkAsEvidence()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket")
            .Symlink($"{SocketsWants}/mariadb.socket", $"{PackageDirectory}/mariadb.socket");

        Assert.Equal((true, $"{SocketsWants}/mariadb.socket"), UnitEnablement.Read(tree.Files, "mariadb.socket"));
    }

    [Fact]
    public void Read_NoLink_DoesNotStartAtBoot()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket")
            .Symlink($"{AdminDirectory}/multi-user.target.wants/mariadb.service", $"{PackageDirectory}/mariadb.service");

        Assert.Equal((false, null), UnitEnablement.Read(tree.Files, "mariadb.socket"));
    }

    [Fact]
    public void Read_LinkShippedInUsrLib_CountsAsStaticallyWanted()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket")
            .Symlink($"{PackageDirectory}/sockets.target.requires/mariadb.socket", "../mariadb.socket");

        Assert.Equal((true, $"{PackageDirectory}/sockets.target.requires/mariadb.socket"), UnitEnablement.Read(tree.Files, "mariadb.socket"));
    }

    [Fact]
    public void Read_MaskedUnit_NeverStartsWhateverLinksItHas()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket")
            .Symlink($"{SocketsWants}/mariadb.socket", $"{PackageDirectory}/mariadb.socket")
            .Symlink($"{AdminDirectory}/mariadb.socket", "/dev/null");

        Assert.Equal((false, null), UnitEnablement.Read(tree.Files, "mariadb.socket"));
    }

    [Fact]
    public void Read_LinkNamedByAnAlias_StartsTheUnit()
    {
        using var tree = new TempTree().Ship("mariadb.service", "mariadb.service")
            .Symlink($"{AdminDirectory}/mysql.service", $"{PackageDirectory}/mariadb.service")
            .Symlink($"{AdminDirectory}/multi-user.target.wants/mysql.service", $"{PackageDirectory}/mariadb.service");

        Assert.Equal((true, $"{AdminDirectory}/multi-user.target.wants/mysql.service"), UnitEnablement.Read(tree.Files, "mariadb.service"));
    }
}
