using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Units;
using CloudSharkHardening.TestSupport;
using static CloudSharkHardening.Remediators.Tests.Units.UnitFixture;

namespace CloudSharkHardening.Remediators.Tests.Units;

public sealed class UnitFileLocatorTests
{
    [Fact]
    public void Locate_UnitOnlyInUsrLib_FindsItThereWithNoDropIns()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service");

        var set = UnitFileLocator.Locate(tree.Files, "memcached.service");

        Assert.Equal($"{PackageDirectory}/memcached.service", set.FragmentPath);
        Assert.Empty(set.DropInPaths.ToArray());
        Assert.False(set.IsMasked);
        Assert.Equal("memcached.service", set.Id);
    }

    [Fact]
    public void Locate_CopyInEtc_HidesThePackagesFile()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{AdminDirectory}/memcached.service", "[Service]\nExecStart=/usr/bin/memcached\n");

        Assert.Equal($"{AdminDirectory}/memcached.service", UnitFileLocator.Locate(tree.Files, "memcached.service").FragmentPath);
    }

    [Fact]
    public void Locate_MergedUsr_NamesEachFileOnceUnderUsrLib()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{PackageDirectory}/memcached.service.d/10-package.conf", "[Service]\n")
            .Symlink("/lib", "usr/lib");

        var set = UnitFileLocator.Locate(tree.Files, "memcached.service");

        Assert.Equal($"{PackageDirectory}/memcached.service", set.FragmentPath);
        Assert.Equal([$"{PackageDirectory}/memcached.service.d/10-package.conf"], set.DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_SplitUsr_FindsAUnitOnlyInLib()
    {
        using var tree = new TempTree().Write("/lib/systemd/system/memcached.service", "[Service]\nExecStart=/usr/bin/memcached\n");

        Assert.Equal("/lib/systemd/system/memcached.service", UnitFileLocator.Locate(tree.Files, "memcached.service").FragmentPath);
    }

    [Fact]
    public void UnitSearch_SeveralQuestions_AnswersAsSingleCallsDo()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket").Ship("mariadb.service", "mariadb.service")
            .Symlink($"{AdminDirectory}/sockets.target.wants/mariadb.socket", $"{PackageDirectory}/mariadb.socket");
        var search = new UnitSearch(tree.Files);

        Assert.Equal(UnitFileLocator.Locate(tree.Files, "mariadb.service").FragmentPath, search.Locate("mariadb.service").FragmentPath);
        Assert.Equal(UnitEnablement.Read(tree.Files, "mariadb.socket"), search.Enablement("mariadb.socket"));
        Assert.Equal((false, null), search.Enablement("mariadb.service"));
    }

    [Fact]
    public void Locate_NoFileAnywhere_HasNoFragment()
    {
        using var tree = new TempTree();

        var set = UnitFileLocator.Locate(tree.Files, "memcached.service");

        Assert.Null(set.FragmentPath);
        Assert.False(set.IsMasked);
    }

    [Fact]
    public void Locate_LinkToDevNullInEtc_IsMaskedAndReadsNoDropIns()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Symlink($"{AdminDirectory}/memcached.service", "/dev/null")
            .Write($"{AdminDirectory}/memcached.service.d/override.conf", "[Service]\nExecStart=\n");

        var set = UnitFileLocator.Locate(tree.Files, "memcached.service");

        Assert.True(set.IsMasked);
        Assert.Empty(set.DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_EmptyFileInEtc_IsMasked()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{AdminDirectory}/memcached.service", "");

        Assert.True(UnitFileLocator.Locate(tree.Files, "memcached.service").IsMasked);
    }

    [Fact]
    public void Locate_DropInsInSeveralDirectories_AppliesThemByFileName()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{AdminDirectory}/memcached.service.d/zz.conf", "[Service]\n")
            .Write("/run/systemd/system/memcached.service.d/50-runtime.conf", "[Service]\n")
            .Write($"{PackageDirectory}/memcached.service.d/10-package.conf", "[Service]\n")
            .Write($"{AdminDirectory}/memcached.service.d/el-sysconfig.conf", "[Service]\n");

        Assert.Equal(
            [
                $"{PackageDirectory}/memcached.service.d/10-package.conf",
                "/run/systemd/system/memcached.service.d/50-runtime.conf",
                $"{AdminDirectory}/memcached.service.d/el-sysconfig.conf",
                $"{AdminDirectory}/memcached.service.d/zz.conf",
            ],
            UnitFileLocator.Locate(tree.Files, "memcached.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_SameNamedDropInInEtc_HidesTheOneInUsrLib()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{PackageDirectory}/memcached.service.d/listen.conf", "[Service]\n")
            .Write($"{AdminDirectory}/memcached.service.d/listen.conf", "[Service]\n");

        Assert.Equal([$"{AdminDirectory}/memcached.service.d/listen.conf"], UnitFileLocator.Locate(tree.Files, "memcached.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_DropInLinkedToDevNull_HidesItsNamesakeAndAddsNothing()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{PackageDirectory}/memcached.service.d/listen.conf", "[Service]\n")
            .Symlink($"{AdminDirectory}/memcached.service.d/listen.conf", "/dev/null");

        Assert.Empty(UnitFileLocator.Locate(tree.Files, "memcached.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_OnlyConfFilesCount()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{AdminDirectory}/memcached.service.d/override.conf.rpmsave", "[Service]\n")
            .Write($"{AdminDirectory}/memcached.service.d/.hidden.conf", "[Service]\n")
            .Write($"{AdminDirectory}/memcached.service.d/notes.txt", "[Service]\n");

        Assert.Empty(UnitFileLocator.Locate(tree.Files, "memcached.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_TypeDropIn_AppliesUnlessTheUnitsOwnDropInHasItsName()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write($"{AdminDirectory}/service.d/10-all.conf", "[Service]\n")
            .Write($"{AdminDirectory}/service.d/20-shadowed.conf", "[Service]\n")
            .Write($"{PackageDirectory}/memcached.service.d/20-shadowed.conf", "[Service]\n");

        Assert.Equal(
            [$"{AdminDirectory}/service.d/10-all.conf", $"{PackageDirectory}/memcached.service.d/20-shadowed.conf"],
            UnitFileLocator.Locate(tree.Files, "memcached.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_DashedName_ReadsPrefixDropIns()
    {
        using var tree = new TempTree()
            .Write($"{PackageDirectory}/db-proxy-main.service", "[Service]\nExecStart=/usr/bin/proxy\n")
            .Write($"{AdminDirectory}/db-.service.d/a.conf", "[Service]\n")
            .Write($"{AdminDirectory}/db-proxy-.service.d/b.conf", "[Service]\n")
            .Write($"{AdminDirectory}/db-proxy-main.service.d/c.conf", "[Service]\n");

        Assert.Equal(
            [$"{AdminDirectory}/db-.service.d/a.conf", $"{AdminDirectory}/db-proxy-.service.d/b.conf", $"{AdminDirectory}/db-proxy-main.service.d/c.conf"],
            UnitFileLocator.Locate(tree.Files, "db-proxy-main.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_Instance_UsesTheTemplateAndBothDropInDirectories()
    {
        using var tree = new TempTree()
            .Write($"{PackageDirectory}/memcached@.service", "[Service]\nExecStart=/usr/bin/memcached -s /run/%i.sock\n")
            .Write($"{AdminDirectory}/memcached@.service.d/all.conf", "[Service]\n")
            .Write($"{AdminDirectory}/memcached@cache.service.d/one.conf", "[Service]\n");

        var set = UnitFileLocator.Locate(tree.Files, "memcached@cache.service");

        Assert.Equal($"{PackageDirectory}/memcached@.service", set.FragmentPath);
        Assert.Equal("memcached@cache.service", set.Id);
        Assert.Equal([$"{AdminDirectory}/memcached@.service.d/all.conf", $"{AdminDirectory}/memcached@cache.service.d/one.conf"], set.DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_Alias_IsFollowedByNameAndTheAliasDropInsApply()
    {
        using var tree = new TempTree().Ship("mariadb.service", "mariadb.service")
            .Write($"{AdminDirectory}/mariadb.service", "[Service]\nExecStart=/usr/sbin/mariadbd --local-copy\n")
            .Symlink($"{AdminDirectory}/mysql.service", $"{PackageDirectory}/mariadb.service")
            .Write($"{AdminDirectory}/mysql.service.d/network.conf", "[Service]\n");

        var set = UnitFileLocator.Locate(tree.Files, "mysql.service");

        Assert.Equal("mariadb.service", set.Id);
        Assert.Equal($"{AdminDirectory}/mariadb.service", set.FragmentPath); // by name: the copy in /etc wins
        Assert.Equal([$"{AdminDirectory}/mysql.service.d/network.conf"], set.DropInPaths.ToArray());
        Assert.Equal(set.DropInPaths, UnitFileLocator.Locate(tree.Files, "mariadb.service").DropInPaths.ToArray());
    }

    [Fact]
    public void Locate_LinkToAFileOutsideTheSearchPath_IsReadThroughTheLink()
    {
        using var tree = new TempTree()
            .Write("/opt/proxy/db-proxy.service", "[Service]\nExecStart=/opt/proxy/bin/proxy\n")
            .Symlink($"{AdminDirectory}/db-proxy.service", "/opt/proxy/db-proxy.service");

        var set = UnitFileLocator.Locate(tree.Files, "db-proxy.service");

        Assert.Equal($"{AdminDirectory}/db-proxy.service", set.FragmentPath);
        Assert.Equal("db-proxy.service", set.Id);
        Assert.Equal("/opt/proxy/db-proxy.service", UnitDefinition.Read(tree.Files, set).ExecStart[0].Source.Path);
    }

    [Fact]
    public void Locate_DropInLinkAnotherAccountOwns_IsRefused()
    {
        using var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service")
            .Write("/home/user/listen.conf", "[Service]\n")
            .Symlink($"{AdminDirectory}/memcached.service.d/listen.conf", "/home/user/listen.conf")
            .Chown($"{AdminDirectory}/memcached.service.d/listen.conf", 1000, 1000);

        var refused = Assert.Throws<UnsafePathException>(() => UnitFileLocator.Locate(tree.Files, "memcached.service"));
        Assert.Equal($"{AdminDirectory}/memcached.service.d/listen.conf", refused.Path);
    }

    [Fact]
    public void Locate_AliasLoop_IsReportedNotFollowedForever()
    {
        // Each link leads to a real file, so only following the names goes round in circles.
        using var tree = new TempTree()
            .Write($"{PackageDirectory}/a.service", "[Service]\n")
            .Write($"{PackageDirectory}/b.service", "[Service]\n")
            .Symlink($"{AdminDirectory}/a.service", $"{PackageDirectory}/b.service")
            .Symlink($"{AdminDirectory}/b.service", $"{PackageDirectory}/a.service");

        Assert.Contains("aliases lead through more than", Assert.Throws<HardeningException>(() => UnitFileLocator.Locate(tree.Files, "a.service")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NotAUnitName_IsRefused()
    {
        using var tree = new TempTree();

        Assert.Throws<HardeningException>(() => UnitFileLocator.Locate(tree.Files, "../../etc/shadow"));
    }

    [Fact]
    public void UnitNames_FindsAnAdministratorsOwnSocketBesideThePackages()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket")
            .Write($"{AdminDirectory}/db-proxy.socket", "[Socket]\nListenStream=3306\n")
            .Write($"{AdminDirectory}/mariadb.socket.d/override.conf", "[Socket]\n")
            .Ship("mariadb.service", "mariadb.service");

        Assert.Equal(["db-proxy.socket", "mariadb.socket"], UnitFileLocator.UnitNames(tree.Files, ".socket").ToArray());
    }
}
