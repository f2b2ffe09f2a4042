using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Live;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

/// <summary>memcached judged by the arguments its unit really passes, wherever they are written.</summary>
public sealed class MemcachedUnitSourcesTests
{
    private const string Sysconfig = "/etc/sysconfig/memcached";
    private const string DebianConf = "/etc/memcached.conf";
    private const string DropIns = "/etc/systemd/system/memcached.service.d";

    /// <summary>EL's unit as it ships.</summary>
    private const string ElUnit = """
        [Unit]
        Description=memcached daemon
        After=network.target

        [Service]
        EnvironmentFile=/etc/sysconfig/memcached
        ExecStart=/usr/bin/memcached -p ${PORT} -u ${USER} -m ${CACHESIZE} -c ${MAXCONN} $OPTIONS

        [Install]
        WantedBy=multi-user.target

        """;

    private const string ElSysconfig = "PORT=\"11211\"\nUSER=\"memcached\"\nMAXCONN=\"1024\"\nCACHESIZE=\"64\"\nOPTIONS=\"-U 11211 -t 4\"\n";

    private static TempTree ElBox() => new TempTree()
        .Write("/usr/lib/systemd/system/memcached.service", ElUnit)
        .Write(Sysconfig, ElSysconfig)
        .Write(DebianConf, "# Debian's file, which this unit never reads\n-l 0.0.0.0\n");

    [Fact]
    public async Task Check_DebianPlatformButElUnit_EditsTheFileTheUnitReads()
    {
        using var tree = ElBox();

        var plan = await Rule(tree, Platform.Debian).CheckAsync(CancellationToken.None);

        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Equal(Sysconfig, edit.Path);
        Assert.Contains("OPTIONS=\"-U 0 -t 4 -l 127.0.0.1\"", edit.After, StringComparison.Ordinal);
        Assert.Equal([UnitAction.Restart("memcached.service")], plan.UnitActions.AsEnumerable());
    }

    [Fact]
    public async Task Check_ListenFromDropInExecStart_FailsNamingTheLineAndChangesNothing()
    {
        using var tree = ElBox().Write($"{DropIns}/zz-listen.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/memcached -l 0.0.0.0 -U 0 $OPTIONS\n");

        var error = await Assert.ThrowsAsync<SettingElsewhereException>(
            async () => await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None));

        Assert.Contains($"'-l 0.0.0.0' (ExecStart= at {DropIns}/zz-listen.conf:3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("change it there to -l 127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OptionsFromDropInEnvironment_FailsNamingTheEnvironmentLine()
    {
        using var tree = ElBox()
            .Write(Sysconfig, "PORT=\"11211\"\nUSER=\"memcached\"\nMAXCONN=\"1024\"\nCACHESIZE=\"64\"\n")
            .Write($"{DropIns}/zz-env.conf", "[Service]\nEnvironment=\"OPTIONS=-l 0.0.0.0 -U 11211\"\n");

        var error = await Assert.ThrowsAsync<SettingElsewhereException>(
            async () => await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None));

        Assert.Contains($"'-l 0.0.0.0' (Environment= at {DropIns}/zz-env.conf:2)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'-U 11211' (Environment= at {DropIns}/zz-env.conf:2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DropInEnvironmentOutvotedByTheEnvironmentFile_IsFixedInTheFile()
    {
        // systemd.exec(5): settings from EnvironmentFile= override Environment=.
        using var tree = ElBox().Write($"{DropIns}/zz-env.conf", "[Service]\nEnvironment=\"OPTIONS=-l 0.0.0.0\"\n");

        var plan = await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None);

        Assert.Equal(Sysconfig, Assert.IsType<FileEdit>(Assert.Single(plan.Changes)).Path);
    }

    [Fact]
    public async Task Check_LaterEnvironmentFile_FailsNamingThatFile()
    {
        using var tree = ElBox()
            .Write("/etc/memcached.local", "OPTIONS=\"-l 0.0.0.0 -U 11211\"\n")
            .Write($"{DropIns}/zz-local.conf", "[Service]\nEnvironmentFile=-/etc/memcached.local\n");

        var error = await Assert.ThrowsAsync<SettingElsewhereException>(
            async () => await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None));

        Assert.Contains("'-l 0.0.0.0' (/etc/memcached.local:1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LoopbackListenInExecStart_RemovesTheFilesOwnListenWithoutAddingASecond()
    {
        using var tree = ElBox()
            .Write(Sysconfig, "OPTIONS=\"-l 0.0.0.0 -U 0\"\n")
            .Write($"{DropIns}/listen.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/memcached -l 127.0.0.1 $OPTIONS\n");

        var plan = await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None);

        Assert.Equal("OPTIONS=\"-U 0\"\n", Assert.IsType<FileEdit>(Assert.Single(plan.Changes)).After);
    }

    [Fact]
    public async Task Check_DebianWrapper_EditsTheFileItsArgumentNames()
    {
        using var tree = new TempTree()
            .Write("/usr/lib/systemd/system/memcached.service", "[Service]\nExecStart=/usr/share/memcached/scripts/systemd-memcached-wrapper /etc/memcached-a.conf\n")
            .Write("/etc/memcached-a.conf", "-m 64\n-l 0.0.0.0\n");

        var plan = await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None);

        var edit = Assert.IsType<FileEdit>(Assert.Single(plan.Changes));
        Assert.Equal("/etc/memcached-a.conf", edit.Path);
        Assert.Equal("-m 64\n-l 127.0.0.1\n-U 0\n", edit.After);
    }

    [Fact]
    public async Task Check_UnknownProgram_RefusesNamingTheExecStartLine()
    {
        using var tree = new TempTree()
            .Write("/usr/lib/systemd/system/memcached.service", "[Service]\nExecStart=/usr/local/bin/run-cache --fast\n");

        var error = await Assert.ThrowsAsync<UnsupportedFileException>(
            async () => await Rule(tree, Platform.RedHat).CheckAsync(CancellationToken.None));

        Assert.Contains("line 2: memcached.service runs run-cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FailedServiceWithRightArguments_IsNotCompliant()
    {
        using var tree = ElBox().Write(Sysconfig, "OPTIONS=\"-l 127.0.0.1 -U 0\"\n");
        var live = new FakeLiveSystem();
        live.Units["memcached.service"] = FakeLiveSystem.Unit("memcached.service", activeState: "failed") with
        {
            FragmentPath = "/usr/lib/systemd/system/memcached.service",
            Service = new ServiceRecord([], [], [], 5, "exit-code"),
        };

        var plan = await new MemcachedRule(MemcachedOptions.For(Platform.RedHat), tree.HostWith(live)).CheckAsync(CancellationToken.None);

        Assert.False(plan.IsCompliant);
        Assert.Contains("memcached.service has failed (exit-code)", Assert.Single(plan.Evidence), StringComparison.Ordinal);
        Assert.Empty(plan.UnitActions);
    }

    [Fact]
    public async Task Check_DeadServiceWithWrongArguments_IsNeverRunningHardenedAlready()
    {
        using var tree = ElBox();
        var live = new FakeLiveSystem();
        live.Units["memcached.service"] = FakeLiveSystem.Unit("memcached.service", activeState: "failed") with
        {
            FragmentPath = "/usr/lib/systemd/system/memcached.service",
        };

        var plan = await new MemcachedRule(MemcachedOptions.For(Platform.RedHat), tree.HostWith(live)).CheckAsync(CancellationToken.None);

        Assert.DoesNotContain(plan.Notes, note => note.Contains("already", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, note => note.Contains("memcached.service has failed", StringComparison.Ordinal));
    }

    [Fact]
    public void WatchedPaths_IncludeTheUnitItsDropInsAndItsEnvironmentFiles()
    {
        using var tree = ElBox().Write($"{DropIns}/zz-local.conf", "[Service]\nEnvironmentFile=-/etc/memcached.local\n");

        var paths = Rule(tree, Platform.Debian).WatchedPaths.Select(watched => watched.Path).ToList();

        Assert.Contains("/usr/lib/systemd/system/memcached.service", paths);
        Assert.Contains($"{DropIns}/zz-local.conf", paths);
        Assert.Contains(DropIns, paths);
        Assert.Contains("/etc/memcached.local", paths);
        Assert.Contains(Sysconfig, paths);
    }

    private static MemcachedRule Rule(TempTree tree, Platform platform) => new(MemcachedOptions.For(platform), tree.Host);
}
