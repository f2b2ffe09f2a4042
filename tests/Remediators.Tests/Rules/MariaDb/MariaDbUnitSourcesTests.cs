using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.MariaDb;

/// <summary>MariaDB judged by its unit's command line and by every socket unit that would put it on the network.</summary>
public sealed class MariaDbUnitSourcesTests
{
    private const string Service = "/usr/lib/systemd/system/mariadb.service";
    private const string Socket = "/usr/lib/systemd/system/mariadb.socket";
    private const string DropIns = "/etc/systemd/system/mariadb.service.d";

    private const string DebianService = """
        [Service]
        Type=notify
        EnvironmentFile=-/run/mysqld/wsrep-new-cluster
        ExecStart=/usr/sbin/mariadbd $MYSQLD_OPTS $_WSREP_NEW_CLUSTER $_WSREP_START_POSITION

        """;

    private const string DebianSocket = """
        [Socket]
        ListenStream=@mariadb
        ListenStream=/run/mysqld/mysqld.sock
        ListenStream=3306

        [Install]
        WantedBy=sockets.target

        """;

    private static TempTree Hardened() => new TempTree()
        .Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
        .Write("/etc/group", "root:x:0:\n")
        .Write("/etc/my.cnf", "[mysqld]\nskip-networking\n")
        .Write(Service, DebianService)
        .Write(Socket, DebianSocket);

    private static Task<Plan> Check(TempTree tree) =>
        new MariaDbRule(MariaDbOptions.For(Platform.RedHat), tree.Host).CheckAsync(CancellationToken.None).AsTask();

    [Fact]
    public async Task Check_SkipNetworkingOffInADropInsEnvironment_FailsNamingItWithoutARestart()
    {
        using var tree = Hardened().Write($"{DropIns}/zz-opts.conf", "[Service]\nEnvironment=\"MYSQLD_OPTS=--skip-networking=0 --bind-address=0.0.0.0\"\n");

        var error = await Assert.ThrowsAsync<SettingElsewhereException>(async () => await Check(tree));

        Assert.Contains($"'--skip-networking=0' (Environment= at {DropIns}/zz-opts.conf:2) turns networking back on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DefaultsFileOnTheCommandLine_FailsNamingIt()
    {
        using var tree = Hardened().Write($"{DropIns}/other.conf", "[Service]\nExecStart=\nExecStart=/usr/sbin/mariadbd --defaults-file=/srv/db/my.cnf\n");

        var error = await Assert.ThrowsAsync<SettingElsewhereException>(async () => await Check(tree));

        Assert.Contains($"'--defaults-file=/srv/db/my.cnf' (ExecStart= at {DropIns}/other.conf:3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SkipNetworkingOnTheCommandLine_IsCompliantWhateverTheFilesSay()
    {
        using var tree = Hardened()
            .Write("/etc/my.cnf", "[mysqld]\nport=3306\n")
            .Write($"{DropIns}/opts.conf", "[Service]\nEnvironment=MYSQLD_OPTS=--skip-networking\n");

        var plan = await Check(tree);

        Assert.True(plan.IsCompliant, string.Join('\n', plan.Notes));
        Assert.Contains(plan.Notes, note => note.Contains("'--skip-networking' on the server's command line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_EnabledButStoppedSocketUnit_IsMaskedWithoutStopOrRestart()
    {
        using var tree = Hardened().Symlink("/etc/systemd/system/sockets.target.wants/mariadb.socket", Socket);

        var plan = await Check(tree);

        Assert.Equal([new SymlinkSet("/etc/systemd/system/mariadb.socket", "/dev/null", null)], plan.Changes.AsEnumerable());
        Assert.Equal([UnitAction.DaemonReload], plan.UnitActions.AsEnumerable());
        Assert.Contains("mariadb.socket is not running, but it starts at boot", Assert.Single(plan.Evidence), StringComparison.Ordinal);
        Assert.Contains($"ListenStream=3306 ({Socket}:4)", plan.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DisabledStoppedSocketUnit_IsNoDrift()
    {
        using var tree = Hardened();

        Assert.True((await Check(tree)).IsCompliant);
    }

    [Fact]
    public async Task Check_AdministratorsOwnSocketUnit_GetsADropInKeepingItsLocalListens()
    {
        const string own = "/etc/systemd/system/db-proxy.socket";
        using var tree = Hardened()
            .Write(own, "[Socket]\nListenStream=0.0.0.0:3306\nListenStream=/run/db-proxy.sock\nAccept=yes\n[Install]\nWantedBy=sockets.target\n")
            .Symlink("/etc/systemd/system/sockets.target.wants/db-proxy.socket", own);
        var before = tree.Read(own);

        var plan = await Check(tree);

        var edit = Assert.IsType<FileEdit>(plan.Changes.Single(change => change is FileEdit));
        Assert.Equal("/etc/systemd/system/db-proxy.socket.d/50-cloudshark-hardening.conf", edit.Path);
        Assert.EndsWith("[Socket]\nListenStream=\nListenStream=/run/db-proxy.sock\n", edit.After, StringComparison.Ordinal);
        Assert.Contains(plan.Changes, change => change is DirectoryCreate { Path: "/etc/systemd/system/db-proxy.socket.d" });
        Assert.Equal([UnitAction.DaemonReload], plan.UnitActions.AsEnumerable());

        await new MariaDbRule(MariaDbOptions.For(Platform.RedHat), tree.Host).ApplyAsync(plan, CancellationToken.None);
        Assert.Equal(before, tree.Read(own));
        Assert.True((await Check(tree)).IsCompliant);
    }

    [Fact]
    public async Task Check_SocketUnitOnAnotherPortThatDoesNotStartTheServer_IsNotTheServers()
    {
        using var tree = Hardened()
            .Write("/etc/systemd/system/web.socket", "[Socket]\nListenStream=8080\n[Install]\nWantedBy=sockets.target\n")
            .Symlink("/etc/systemd/system/sockets.target.wants/web.socket", "/etc/systemd/system/web.socket");

        Assert.True((await Check(tree)).IsCompliant);
    }

    [Fact]
    public async Task Check_ThePortComesFromTheOptionFiles()
    {
        using var tree = Hardened()
            .Write("/etc/my.cnf", "[mysqld]\nskip-networking\nport=3307\n")
            .Write("/etc/systemd/system/db-3307.socket", "[Socket]\nListenStream=3307\n[Install]\nWantedBy=sockets.target\n")
            .Symlink("/etc/systemd/system/sockets.target.wants/db-3307.socket", "/etc/systemd/system/db-3307.socket");

        var plan = await Check(tree);

        Assert.Contains("db-3307.socket", Assert.Single(plan.Evidence), StringComparison.Ordinal);
    }
}
