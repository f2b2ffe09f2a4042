using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

public sealed class OptionFileChainTests
{
    private static readonly string[] StartFiles = ["/etc/my.cnf", "/etc/mysql/my.cnf"];

    private static string[] ReadOrder(TempTree tree) =>
        [.. OptionFileChain.Read(tree.Files, StartFiles).Options.Select(option => $"{option.File}:{option.Name}")];

    /// <summary>/etc/my.cnf includes level1.cnf, which includes level2.cnf, ... down to <paramref name="levels"/>.</summary>
    private static TempTree IncludeLadder(int levels)
    {
        var tree = new TempTree().Write("/etc/my.cnf", "[mysqld]\n!include /etc/level1.cnf\n");
        for (var level = 1; level <= levels; level++)
        {
            tree.Write($"/etc/level{level}.cnf", $"[mysqld]\nlevel{level}\n!include /etc/level{level + 1}.cnf\n");
        }

        return tree;
    }

    [Fact]
    public void Read_IncludeDir_ReadsOnlyCnfFilesInOrdinalOrderWhereTheDirectiveStands()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\nfirst\n!includedir /etc/my.cnf.d\nlast\n")
            .Write("/etc/my.cnf.d/b.cnf", "[mysqld]\nb\n")
            .Write("/etc/my.cnf.d/a.cnf", "[mysqld]\na\n")
            .Write("/etc/my.cnf.d/Z.cnf", "[mysqld]\nupper-z\n")
            .Write("/etc/my.cnf.d/10-x.cnf", "[mysqld]\nten\n")
            .Write("/etc/my.cnf.d/c.cnf.rpmsave", "[mysqld]\nrpmsave\n")
            .Write("/etc/my.cnf.d/d.CNF", "[mysqld]\nupper-ext\n")
            .Write("/etc/my.cnf.d/enable_encryption.preset", "[mariadb]\npreset\n")
            .MakeDirectory("/etc/my.cnf.d/dir.cnf");

        Assert.Equal(
            ["/etc/my.cnf:first", "/etc/my.cnf.d/10-x.cnf:ten", "/etc/my.cnf.d/Z.cnf:upper-z", "/etc/my.cnf.d/a.cnf:a", "/etc/my.cnf.d/b.cnf:b", "/etc/my.cnf:last"],
            ReadOrder(tree));
    }

    [Fact]
    public void Read_NestedAndRelativeIncludes_AreExpandedDepthFirstAgainstTheIncludingFilesDirectory()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\none\n!include extra/two.cnf\nfive\n")
            .Write("/etc/extra/two.cnf", "[server]\ntwo\n!includedir more\nfour\n")
            .Write("/etc/extra/more/three.cnf", "[galera]\nthree\n");

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal(["one", "two", "three", "four", "five"], chain.Options.Select(option => option.Name));
        Assert.Equal([0, 1, 2, 3, 4], chain.Options.Select(option => option.Position));
        Assert.Equal(["mysqld", "server", "galera", "server", "mysqld"], chain.Options.Select(option => option.Group));
        Assert.Equal(["/etc/my.cnf", "/etc/extra/two.cnf", "/etc/extra/more/three.cnf"], chain.FilesRead.AsEnumerable());
        Assert.Equal(["/etc/extra/more"], chain.DirectoriesRead.AsEnumerable());
    }

    [Fact]
    public void Read_IncludedDirectories_AreListedByRealPathEvenWhenMissing()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\n!includedir /etc/conf.d\n!includedir /etc/missing.d\n")
            .Write("/etc/real.d/a.cnf", "[mysqld]\na\n")
            .Symlink("/etc/conf.d", "real.d");

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal(["/etc/real.d", "/etc/missing.d"], chain.DirectoriesRead.AsEnumerable());
    }

    [Fact]
    public void Read_StartFilesInOrder_MissingOnesSkippedSilently()
    {
        using var tree = new TempTree().Write("/etc/mysql/my.cnf", "[mysqld]\nonly\n");

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal(["/etc/mysql/my.cnf:only"], ReadOrder(tree));
        Assert.Empty(chain.Notes);
    }

    [Fact]
    public void Read_SymlinkedStartFile_ReportsTheRealFile()
    {
        using var tree = new TempTree()
            .Write("/etc/mysql/mariadb.cnf", "[client-server]\nsocket = /run/mysqld/mysqld.sock\n")
            .Symlink("/etc/alternatives/my.cnf", "/etc/mysql/mariadb.cnf")
            .Symlink("/etc/mysql/my.cnf", "/etc/alternatives/my.cnf");

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal("/etc/mysql/mariadb.cnf", Assert.Single(chain.Options).File);
        Assert.Equal("/etc/mysql/mariadb.cnf", chain.File("/etc/mysql/my.cnf").Path);
    }

    [Fact]
    public void Read_MissingIncludeFile_IsANoteAndReadingGoesOn()
    {
        using var tree = new TempTree().Write("/etc/my.cnf", "[mysqld]\n!include /etc/gone.cnf\nafter\n");

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal("after", Assert.Single(chain.Options).Name);
        Assert.Contains("/etc/my.cnf:2 includes /etc/gone.cnf, which does not exist", Assert.Single(chain.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingIncludeDir_ReadsNothingAndSaysNothing()
    {
        using var tree = new TempTree().Write("/etc/my.cnf", "[mysqld]\n!includedir /etc/my.cnf.d\nafter\n");

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal("after", Assert.Single(chain.Options).Name);
        Assert.Empty(chain.Notes);
    }

    [Fact]
    public void Read_IncludeCycle_FailsNamingTheIncludeLine()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\n!include /etc/a.cnf\n")
            .Write("/etc/a.cnf", "[mysqld]\nx\n!include /etc/my.cnf\n");

        var error = Assert.Throws<HardeningException>(() => OptionFileChain.Read(tree.Files, StartFiles));

        Assert.Contains("/etc/a.cnf:3 includes /etc/my.cnf", error.Message, StringComparison.Ordinal);
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Read_SameFileIncludedTwiceWithoutACycle_IsReadTwice()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\n!include /etc/common.cnf\n!include /etc/common.cnf\n")
            .Write("/etc/common.cnf", "[mysqld]\nshared\n");

        Assert.Equal(["/etc/common.cnf:shared", "/etc/common.cnf:shared"], ReadOrder(tree));
    }

    [Fact]
    public void Read_IncludesMoreThanTenLevelsDeep_FailsClearly()
    {
        using var tree = IncludeLadder(levels: 11);

        var error = Assert.Throws<HardeningException>(() => OptionFileChain.Read(tree.Files, StartFiles));

        Assert.Contains("/etc/level10.cnf:3 includes /etc/level11.cnf more than 10 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TenLevelsDeep_IsStillRead()
    {
        using var tree = IncludeLadder(levels: 10);

        var chain = OptionFileChain.Read(tree.Files, StartFiles);

        Assert.Equal("level10", chain.Options[^1].Name);
    }

    [Fact]
    public void WithDocument_EditedModel_IsReadInPlaceOfTheFileAndNothingIsWritten()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\n!includedir /etc/my.cnf.d\n")
            .Write("/etc/my.cnf.d/zz.cnf", "[mariadb]\nskip_networking=0\n");
        var chain = OptionFileChain.Read(tree.Files, StartFiles);
        var before = tree.Snapshot();

        var zz = chain.File("/etc/my.cnf.d/zz.cnf");
        var edited = chain.WithDocument(zz.Document!.ReplaceLine(1, "# off"));

        Assert.Empty(edited.Options);
        Assert.Single(chain.Options);
        var changed = Assert.Single(edited.ChangedFiles);
        Assert.Equal(("/etc/my.cnf.d/zz.cnf", "[mariadb]\nskip_networking=0\n"), (changed.Path, changed.OriginalText));
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void Read_UnsupportedFileInTheChain_Fails()
    {
        using var tree = new TempTree()
            .Write("/etc/my.cnf", "[mysqld]\n!includedir /etc/my.cnf.d\n")
            .Write("/etc/my.cnf.d/dos.cnf", "[mysqld]\r\nskip-networking\r\n");

        var error = Assert.Throws<UnsupportedFileException>(() => OptionFileChain.Read(tree.Files, StartFiles));

        Assert.Equal("/etc/my.cnf.d/dos.cnf", error.Path);
    }
}
