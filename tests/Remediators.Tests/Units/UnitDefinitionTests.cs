using CloudSharkHardening.Remediators.Units;
using CloudSharkHardening.TestSupport;
using static CloudSharkHardening.Remediators.Tests.Units.UnitFixture;

namespace CloudSharkHardening.Remediators.Tests.Units;

public sealed class UnitDefinitionTests
{
    private const string DropIn = $"{AdminDirectory}/memcached.service.d/override.conf";

    [Fact]
    public void Read_ResetInADropIn_LeavesOnlyTheDropInsCommand()
    {
        using var tree = DebianMemcachedWithSysconfigDropIn();

        var unit = Read(tree, "memcached.service");

        var command = Assert.Single(unit.ExecStart);
        Assert.Equal(["/usr/bin/memcached", "-p", "${PORT}", "-u", "${USER}", "-m", "${CACHESIZE}", "-c", "${MAXCONN}", "$OPTIONS"], command.Words.ToArray());
        Assert.Equal(new SettingSource($"{AdminDirectory}/memcached.service.d/el-sysconfig.conf", 4), command.Source);
        Assert.Equal([new EnvironmentFileReference("/etc/sysconfig/memcached", false, new SettingSource($"{AdminDirectory}/memcached.service.d/el-sysconfig.conf", 2))], unit.EnvironmentFiles.ToArray());
    }

    [Fact]
    public void Read_ResetsAcrossFragmentAndDropIns_KeepWhatFollowsTheLastReset()
    {
        using var tree = new TempTree().Ship("el9-memcached.service", "memcached.service")
            .Write($"{AdminDirectory}/memcached.service.d/a.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/memcached -a\nEnvironment=A=1\nEnvironmentFile=-/etc/a\n")
            .Write($"{AdminDirectory}/memcached.service.d/b.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/memcached -b\nEnvironment=\nEnvironment=B=2\nEnvironmentFile=\n");

        var unit = Read(tree, "memcached.service");

        Assert.Equal(["/usr/bin/memcached", "-b"], Assert.Single(unit.ExecStart).Words.ToArray());
        Assert.Equal("B", Assert.Single(unit.Environment).Name);
        Assert.Empty(unit.EnvironmentFiles);
    }

    [Fact]
    public void Read_LaterExecStartWithoutReset_AddsASecondCommand()
    {
        using var tree = new TempTree().Ship("el9-memcached.service", "memcached.service")
            .Write(DropIn, "[Service]\nExecStart=/usr/bin/memcached -l 0.0.0.0\n");

        Assert.Equal(2, Read(tree, "memcached.service").ExecStart.Length);
    }

    [Theory]
    [InlineData("-/usr/bin/memcached", "-", "/usr/bin/memcached")]
    [InlineData("+/usr/bin/memcached", "+", "/usr/bin/memcached")]
    [InlineData("!!/usr/bin/memcached", "!!", "/usr/bin/memcached")]
    [InlineData("-:/usr/bin/memcached", "-:", "/usr/bin/memcached")]
    public void Read_Prefixes_AreSplitFromTheProgram(string first, string prefixes, string program)
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/memcached.service", $"[Service]\nExecStart={first} -U 0\n");

        var command = Assert.Single(Read(tree, "memcached.service").ExecStart);

        Assert.Equal(prefixes, command.Prefixes);
        Assert.Equal(program, command.Executable);
        Assert.Equal(first.StartsWith('-'), command.IgnoresFailure);
    }

    [Fact]
    public void Read_PrefixesBeyondWhatSystemdTakes_LeaveAPathItIgnores()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/memcached.service", "[Service]\nExecStart=!!!/usr/bin/memcached -U 0\n");

        var unit = Read(tree, "memcached.service");

        Assert.Empty(unit.ExecStart);
        Assert.Contains(unit.Problems, problem => problem.Contains("\"!/usr/bin/memcached\" is neither", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AtPrefix_TakesTheSecondWordAsArgv0()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/memcached.service", "[Service]\nExecStart=@/usr/bin/memcached memcached-main -U 0\n");

        var command = Assert.Single(Read(tree, "memcached.service").ExecStart);

        Assert.Equal("/usr/bin/memcached", command.Executable);
        Assert.Equal(["memcached-main", "-U", "0"], command.Argv.ToArray());
    }

    [Fact]
    public void Read_QuotesEscapesAndContinuation_GiveSystemdsWordsAndTheFirstLine()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/memcached.service", """
            [Service]
            ExecStart=/usr/bin/memcached "-l 127.0.0.1" \
                -o 'ext_path=/var/cache/my file' \
            # a comment inside the continuation
                tab\there -v\x41
            """);

        var command = Assert.Single(Read(tree, "memcached.service").ExecStart);

        Assert.Equal(["/usr/bin/memcached", "-l 127.0.0.1", "-o", "ext_path=/var/cache/my file", "tab\there", "-vA"], command.Words.ToArray());
        Assert.Equal(2, command.Source.Line);
    }

    [Fact]
    public void Read_Semicolons_SeparateCommandsAndAnEscapedOneIsAWord()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/x.service", "[Service]\nExecStart=/bin/echo one ; /bin/echo \\; two;\n");

        var commands = Read(tree, "x.service").ExecStart;

        Assert.Equal(["/bin/echo", "one"], commands[0].Words.ToArray());
        Assert.Equal(["/bin/echo", ";", "two;"], commands[1].Words.ToArray());
    }

    [Fact]
    public void Read_UnbalancedQuote_IgnoresTheCommandAndSaysWhere()
    {
        using var tree = new TempTree().Ship("el9-memcached.service", "memcached.service")
            .Write(DropIn, "[Service]\nExecStart=\nExecStart=/usr/bin/memcached \"-l 0.0.0.0\n");

        var unit = Read(tree, "memcached.service");

        Assert.Empty(unit.ExecStart);
        Assert.Contains(unit.Problems, problem => problem.StartsWith($"{DropIn}:3: unbalanced quoting", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Specifiers_ExpandTheUnitsNameAndReportMachineOnes()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/memcached@.service", "[Service]\nExecStart=/usr/bin/memcached -s /run/%p/%i.sock -o name=%n,pct=100%% -H %H\n");

        var command = Assert.Single(Read(tree, "memcached@cache.service").ExecStart);

        Assert.Equal(["/usr/bin/memcached", "-s", "/run/memcached/cache.sock", "-o", "name=memcached@cache.service,pct=100%", "-H", "%H"], command.Words.ToArray());
        Assert.Contains(command.Problems, problem => problem.Contains("%H depends on the running machine", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EnvironmentQuoting_FollowsTheManPagesExample()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/x.service", "[Service]\nEnvironment=\"VAR1=word1 word2\" VAR2=word3 \"VAR3=$word 5 6\"\n");

        Assert.Equal(
            [("VAR1", "word1 word2"), ("VAR2", "word3"), ("VAR3", "$word 5 6")],
            Read(tree, "x.service").Environment.Select(assignment => (assignment.Name, assignment.Value)).ToArray());
    }

    [Fact]
    public void Read_InvalidEnvironmentWord_IsIgnoredAndReported()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/x.service", "[Service]\nEnvironment=OPTIONS=-l 0.0.0.0\n");

        var unit = Read(tree, "x.service");

        Assert.Equal(("OPTIONS", "-l"), (Assert.Single(unit.Environment).Name, unit.Environment[0].Value));
        Assert.Contains(unit.Problems, problem => problem.StartsWith($"{PackageDirectory}/x.service:2: \"0.0.0.0\" is not a valid", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SettingsOfAnotherSection_DoNotCount()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/x.service", "Environment=A=1\n[Unit]\nExecStart=/bin/false\n[Socket]\nListenStream=3306\n[Service]\nExecStart=/bin/true\n");

        var unit = Read(tree, "x.service");

        Assert.Equal("/bin/true", Assert.Single(unit.ExecStart).Executable);
        Assert.Empty(unit.Environment);
        Assert.Empty(unit.Listens);
    }

    [Fact]
    public void Read_SocketWithResettingDropIn_ListensOnlyWhereTheDropInSays()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket")
            .Write($"{AdminDirectory}/mariadb.socket.d/local.conf", "[Socket]\nListenStream=\nListenStream=/run/mysqld/mysqld.sock\n");

        var unit = Read(tree, "mariadb.socket");

        Assert.Equal([new ListenDirective("Stream", "/run/mysqld/mysqld.sock", new SettingSource($"{AdminDirectory}/mariadb.socket.d/local.conf", 3))], unit.Listens.ToArray());
        Assert.Equal("mariadb.service", unit.TriggeredService);
        Assert.Equal(["sockets.target"], unit.WantedBy.ToArray());
    }

    [Fact]
    public void Read_ShippedSocket_ListsEveryAddressWithItsLine()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket");

        Assert.Equal(
            [("Stream", "@mariadb", 23), ("Stream", "/run/mysqld/mysqld.sock", 24), ("Stream", "3306", 25)],
            Read(tree, "mariadb.socket").Listens.Select(listen => (listen.Kind, listen.Address, listen.Source.Line)).ToArray());
    }

    [Fact]
    public void Read_EmptyListenDatagram_ResetsEveryKindOfListen()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/db-proxy.socket", "[Socket]\nListenStream=3306\nListenDatagram=\nListenDatagram=127.0.0.1:3306\nService=mariadb.service\n");

        var unit = Read(tree, "db-proxy.socket");

        Assert.Equal(("Datagram", "127.0.0.1:3306"), (Assert.Single(unit.Listens).Kind, unit.Listens[0].Address));
        Assert.Equal("mariadb.service", unit.TriggeredService);
    }

    [Fact]
    public void Read_AcceptingSocket_TriggersItsTemplate()
    {
        using var tree = new TempTree().Write($"{PackageDirectory}/sshd.socket", "[Socket]\nListenStream=22\nAccept=yes\n");

        Assert.Equal("sshd@.service", Read(tree, "sshd.socket").TriggeredService);
    }

    [Fact]
    public void Read_MaskedUnit_SaysNothing()
    {
        using var tree = new TempTree().Ship("mariadb.socket", "mariadb.socket").Symlink($"{AdminDirectory}/mariadb.socket", "/dev/null");

        var unit = Read(tree, "mariadb.socket");

        Assert.Empty(unit.Listens);
        Assert.Empty(unit.WantedBy);
    }

    [Fact]
    public void Read_UnterminatedSectionHeader_ThrowsNamingFileAndLine()
    {
        using var tree = new TempTree().Ship("el9-memcached.service", "memcached.service").Write(DropIn, "\n[Service\nExecStart=\n");

        var refused = Assert.Throws<UnitFileSyntaxException>(() => Read(tree, "memcached.service"));

        Assert.Equal(new SettingSource(DropIn, 2), refused.Setting);
        Assert.StartsWith($"{DropIn}:2:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InstallOfAPrefixDropIn_DoesNotCountForEnabling()
    {
        using var tree = new TempTree().Ship("mariadb.service", "mariadb.service")
            .Write($"{AdminDirectory}/mariadb.service.d/own.conf", "[Install]\nWantedBy=\nRequiredBy=graphical.target\n")
            .Write($"{AdminDirectory}/service.d/all.conf", "[Install]\nWantedBy=rescue.target\n");

        Assert.Equal(["graphical.target"], Read(tree, "mariadb.service").WantedBy.ToArray());
    }

    private static UnitDefinition Read(TempTree tree, string unit) =>
        UnitDefinition.Read(tree.Files, UnitFileLocator.Locate(tree.Files, unit));
}
