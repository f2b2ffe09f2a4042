using CloudSharkHardening.Remediators.Units;
using CloudSharkHardening.TestSupport;
using static CloudSharkHardening.Remediators.Tests.Units.UnitFixture;

namespace CloudSharkHardening.Remediators.Tests.Units;

/// <summary>The cases of issue 14: where each argument memcached and MariaDB get really comes from.</summary>
public sealed class CommandExpansionTests
{
    private const string Sysconfig = "/etc/sysconfig/memcached";
    private const string SysconfigDropIn = $"{AdminDirectory}/memcached.service.d/el-sysconfig.conf";

    [Fact]
    public void Expand_OptionsFromTheSysconfigFile_SplitIntoWordsSourcedToItsLine()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn();

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.Equal(
            ["/usr/bin/memcached", "-p", "11211", "-u", "memcached", "-m", "64", "-c", "1024", "-U", "11211", "-t", "4"],
            expanded.Words.Select(word => word.Text).ToArray());
        Assert.All(expanded.Words.TakeLast(4), word => Assert.Equal((new SettingSource(Sysconfig, 5), WordOrigin.EnvironmentFile), (word.Source, word.Origin)));
        Assert.Equal((new SettingSource(Sysconfig, 1), WordOrigin.EnvironmentFile), (expanded.Words[2].Source, expanded.Words[2].Origin));
        Assert.Equal((new SettingSource(SysconfigDropIn, 4), WordOrigin.ExecStart), (expanded.Words[1].Source, expanded.Words[1].Origin));
        Assert.Empty(expanded.Problems);
        Assert.Empty(expanded.UnsetVariables);
    }

    [Fact]
    public void Expand_ListenAddressInALaterDropInsExecStart_IsSourcedToThatLine()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn();
        tree.Write($"{AdminDirectory}/memcached.service.d/zz.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/memcached -l 0.0.0.0 $OPTIONS\n");

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.Equal(["/usr/bin/memcached", "-l", "0.0.0.0", "-U", "11211", "-t", "4"], expanded.Words.Select(word => word.Text).ToArray());
        Assert.All(expanded.Words.Take(3), word => Assert.Equal((new SettingSource($"{AdminDirectory}/memcached.service.d/zz.conf", 3), WordOrigin.ExecStart), (word.Source, word.Origin)));
    }

    [Fact]
    public void Expand_OptionsOnlyInADropInsEnvironment_AreSourcedToThatLine()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn().Write(Sysconfig, "PORT=11211\nUSER=memcached\nMAXCONN=1024\nCACHESIZE=64\n");
        tree.Write($"{AdminDirectory}/memcached.service.d/options.conf", "[Service]\nEnvironment=\"OPTIONS=-l 0.0.0.0 -U 11211\"\n");

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.Equal(["-l", "0.0.0.0", "-U", "11211"], expanded.Words.TakeLast(4).Select(word => word.Text).ToArray());
        Assert.All(expanded.Words.TakeLast(4), word => Assert.Equal((new SettingSource($"{AdminDirectory}/memcached.service.d/options.conf", 2), WordOrigin.Environment), (word.Source, word.Origin)));
    }

    [Fact]
    public void Expand_OptionsInBothEnvironmentAndTheFile_TheFileWins()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn();
        tree.Write($"{AdminDirectory}/memcached.service.d/options.conf", "[Service]\nEnvironment=\"OPTIONS=-l 0.0.0.0 -U 11211\"\n");

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.Equal(["-U", "11211", "-t", "4"], expanded.Words.TakeLast(4).Select(word => word.Text).ToArray());
        Assert.Equal(new SettingSource(Sysconfig, 5), expanded.Words[^1].Source);
    }

    [Fact]
    public void Expand_LaterOptionalEnvironmentFile_OverridesTheEarlierOne()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn()
            .Write($"{AdminDirectory}/memcached.service.d/zz-local.conf", "[Service]\nEnvironmentFile=-/etc/memcached.local\n")
            .Write("/etc/memcached.local", "# local changes\nOPTIONS='-l 0.0.0.0'\n");

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.Equal(["-l", "0.0.0.0"], expanded.Words.TakeLast(2).Select(word => word.Text).ToArray());
        Assert.All(expanded.Words.TakeLast(2), word => Assert.Equal((new SettingSource("/etc/memcached.local", 2), WordOrigin.EnvironmentFile), (word.Source, word.Origin)));
    }

    [Fact]
    public void Expand_MariaDbWithOptsInADropIn_MissingOptionalFilesAndUnsetVariablesGiveNoWords()
    {
        using var tree = new TempTree().Ship("mariadb.service", "mariadb.service")
            .Write($"{AdminDirectory}/mariadb.service.d/network.conf", "[Service]\nEnvironment=\"MYSQLD_OPTS=--skip-networking=0 --bind-address=0.0.0.0\"\n");

        var expanded = ExpandOnly(tree, "mariadb.service");

        Assert.Equal(["/usr/sbin/mariadbd", "--skip-networking=0", "--bind-address=0.0.0.0"], expanded.Words.Select(word => word.Text).ToArray());
        Assert.Equal((new SettingSource($"{AdminDirectory}/mariadb.service.d/network.conf", 2), WordOrigin.Environment), (expanded.Words[1].Source, expanded.Words[1].Origin));
        Assert.Equal((new SettingSource($"{PackageDirectory}/mariadb.service", 44), WordOrigin.ExecStart), (expanded.Words[0].Source, expanded.Words[0].Origin));
        Assert.Equal(["_WSREP_NEW_CLUSTER", "_WSREP_START_POSITION"], expanded.UnsetVariables.ToArray());
        Assert.Empty(expanded.Problems);
    }

    [Fact]
    public void Expand_MissingRequiredEnvironmentFile_IsReported()
    {
        using var tree = new TempTree().Ship("el9-memcached.service", "memcached.service");

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.StartsWith($"{PackageDirectory}/memcached.service:7: the environment file {Sysconfig} does not exist", Assert.Single(expanded.Problems), StringComparison.Ordinal);
        Assert.Equal(["/usr/bin/memcached", "-p", "", "-u", "", "-m", "", "-c", ""], expanded.Words.Select(word => word.Text).ToArray());
    }

    [Fact]
    public void Expand_ManPagesFirstExample_GivesTheFourArgumentsItLists()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/echo.service", """
            [Service]
            Environment="ONE=one" 'TWO=two two'
            ExecStart=/bin/echo $ONE $TWO ${TWO}
            """);

        Assert.Equal(["/bin/echo", "one", "two", "two", "two two"], Texts(ExpandOnly(tree, "echo.service")));
    }

    [Fact]
    public void Expand_ManPagesSecondExample_GivesTheArgumentsSystemdReallyPasses()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/echo.service", """
            [Service]
            Environment=ONE='one' "TWO='two two' too" THREE=
            ExecStart=/bin/echo ${ONE} ${TWO} ${THREE}
            ExecStart=/bin/echo $ONE $TWO $THREE
            """);
        var unit = Read(tree, "echo.service");
        var environment = UnitEnvironment.Read(tree.Files, unit);

        // The man page of 252 says "'one'"; the quotes are removed (systemd issue #42442, fixed in the man page by #42753).
        Assert.Equal(["/bin/echo", "one", "'two two' too", ""], Texts(CommandExpansion.Expand(environment, unit.ExecStart[0])));
        Assert.Equal(["/bin/echo", "one", "two two", "too"], Texts(CommandExpansion.Expand(environment, unit.ExecStart[1])));
    }

    [Theory]
    [InlineData("/bin/echo $$OPTIONS", new[] { "/bin/echo", "$OPTIONS" })]
    [InlineData("/bin/echo cost=$$5 ${A}x${B}", new[] { "/bin/echo", "cost=$5", "1x" })]
    [InlineData("/bin/echo -o$A ${A:-9} $", new[] { "/bin/echo", "-o$A", "${A:-9}" })]
    [InlineData(":/bin/echo $A ${A}", new[] { "/bin/echo", "$A", "${A}" })]
    [InlineData("@/bin/echo $A $A", new[] { "1", "1" })]
    public void Expand_DollarSyntax_FollowsSystemd(string command, string[] expected)
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/x.service", $"[Service]\nEnvironment=A=1\nExecStart={command}\n");

        Assert.Equal(expected, Texts(ExpandOnly(tree, "x.service")));
    }

    [Fact]
    public void Expand_WordMixingTextAndAVariable_IsSourcedToTheVariable()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/x.service", "[Service]\nEnvironment=ADDR=0.0.0.0\nExecStart=/usr/sbin/mariadbd --bind-address=${ADDR}\n");

        var word = ExpandOnly(tree, "x.service").Words[1];

        Assert.Equal(("--bind-address=0.0.0.0", 2, WordOrigin.Environment), (word.Text, word.Source.Line, word.Origin));
    }

    [Fact]
    public void Expand_UnsetEnvironment_RemovesTheVariableLast()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn()
            .Write($"{AdminDirectory}/memcached.service.d/zz.conf", "[Service]\nUnsetEnvironment=OPTIONS PORT=1\n");

        var expanded = ExpandOnly(tree, "memcached.service");

        Assert.Equal(["/usr/bin/memcached", "-p", "11211", "-u", "memcached", "-m", "64", "-c", "1024"], Texts(expanded));
        Assert.Equal(["OPTIONS"], expanded.UnsetVariables.ToArray());
    }

    [Fact]
    public void Expand_QuotesInsideAVariable_GroupWordsWhenSplit()
    {
        using var tree = new TempTree()
            .Write($"{PackageDirectory}/x.service", "[Service]\nEnvironmentFile=/etc/x\nExecStart=/usr/bin/memcached $OPTIONS\n")
            .Write("/etc/x", "OPTIONS=\"-o 'ext_path=/var/my cache' -l\\\\ x\"\n");

        Assert.Equal(["/usr/bin/memcached", "-o", "ext_path=/var/my cache", "-l x"], Texts(ExpandOnly(tree, "x.service")));
    }

    private static string[] Texts(ExpandedCommand expanded) => [.. expanded.Words.Select(word => word.Text)];

    private static UnitDefinition Read(TempTree tree, string unit) =>
        UnitDefinition.Read(tree.Files, UnitFileLocator.Locate(tree.Files, unit));

    private static ExpandedCommand ExpandOnly(TempTree tree, string unit)
    {
        var definition = Read(tree, unit);
        return CommandExpansion.Expand(tree.Files, definition, Assert.Single(definition.ExecStart));
    }
}
