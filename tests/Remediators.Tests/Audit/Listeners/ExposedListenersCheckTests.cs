using System.Net;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Listeners;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Tests.Audit.Firewall;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Listeners;

public sealed class ExposedListenersCheckTests
{
    internal static readonly ManagedUnits Units = new("memcached.service", "mariadb.service");

    [Fact]
    public async Task Run_FreshApplianceWithoutFirewallTools_ListsDatabaseAndMemcachedWithProcessesAndUnits()
    {
        var live = FreshAppliance();

        var findings = await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None);

        Assert.Equal(
            [("listener.tcp.3306", Severity.High), ("listener.tcp.11211", Severity.High), ("listener.udp.11211", Severity.Critical)],
            findings.Select(f => (f.Id, f.Severity)));
        Assert.Equal("TCP port 3306 is reachable from the network: mariadbd (mariadb.service)", findings[0].Title);
        Assert.Equal(
            ["tcp 0.0.0.0:3306 (mariadbd, pid 410, mariadb.service); firewall unknown (iptables-save gave no answer: not installed, or not run as root)"],
            findings[0].Evidence);
        Assert.Equal(2, findings[1].Evidence.Count);
        Assert.Contains(BenchmarkReferences.MemcachedUdpAmplification, findings[2].References);
        Assert.Contains(BenchmarkReferences.LynisListeningPorts, findings[0].References);
        Assert.Contains("skip-networking", findings[0].Fix, StringComparison.Ordinal);
        Assert.Contains("-U 0", findings[2].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FirewallDropsThePortForIpv4Only_DualStackSocketStaysHigh()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Tcp, "0.0.0.0", 3306, "mariadbd", "mariadb.service")
            .Listen(Transport.Tcp, "10.0.0.5", 4444, "socat", "stray.service")
            .Listen(Transport.Tcp, "::", 4444, "socat", "stray.service");
        live.Commands["iptables-save -t filter"] = IptablesFixtures.Captured("cloudshark-chain.v4").Replace("3306,11211", "3306,4444,11211", StringComparison.Ordinal);
        live.Commands["ip6tables-save -t filter"] = IptablesFixtures.Captured("empty.v6");

        var findings = await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None);

        Assert.Equal([("listener.tcp.3306", Severity.Low), ("listener.tcp.4444", Severity.High)], findings.Select(f => (f.Id, f.Severity)));
        Assert.Equal("TCP port 3306 listens on the network, behind a firewall that drops it: mariadbd (mariadb.service)", findings[0].Title);
        Assert.StartsWith("tcp 10.0.0.5:4444 (socat, pid 4242, stray.service); firewall dropped", findings[1].Evidence[0], StringComparison.Ordinal);
        Assert.StartsWith("tcp [::]:4444 (socat, pid 4242, stray.service); firewall open (ip6tables-save: accepted by INPUT policy ACCEPT)", findings[1].Evidence[1], StringComparison.Ordinal);
        Assert.Contains("systemctl disable --now stray.service", findings[1].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AllowedPortsLoopbackAndConfiguredAllowList_AreNotFindings()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Tcp, "0.0.0.0", 22, "sshd", "ssh.service")
            .Listen(Transport.Tcp, "::", 443, "serve", "cloudshark.service")
            .Listen(Transport.Udp, "0.0.0.0", 68, "dhclient", "networking.service")
            .Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service")
            .Listen(Transport.Udp, "::1", 11211, "memcached", "memcached.service")
            .Listen(Transport.Tcp, "0.0.0.0", 9100, "node_exporter", "node-exporter.service");

        var findings = await new ExposedListenersCheck(live, AuditOptions.Default with { AllowedTcpPorts = [22, 443, 9100] }, Units).RunAsync(CancellationToken.None);

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Run_OwnerUnknown_SaysSoWithTheSocketsUid()
    {
        var live = new FakeLiveSystem();
        live.Sockets.Add(new Listener(Transport.Udp, IPAddress.Any, 5353, 77, 105, null));

        var finding = Assert.Single(await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None));

        Assert.Equal("UDP port 5353 is reachable from the network: an unknown process (uid 105)", finding.Title);
        Assert.Contains("stop the process", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UdpOfMemcachedsUnitOnAnotherPort_IsTheAmplifier()
    {
        var live = new FakeLiveSystem().Listen(Transport.Udp, "0.0.0.0", 5000, "worker", "memcached.service");

        var finding = Assert.Single(await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("-U 0", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ProcessCalledMemcachedOutsideItsUnit_IsNeitherTheAmplifierNorTheRulesToFix()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Udp, "0.0.0.0", 5000, "memcached", "session-3.scope", pid: 5000)
            .Listen(Transport.Tcp, "0.0.0.0", 3307, "mariadbd", "user@1000.service", pid: 5001);

        var findings = await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None);

        Assert.Equal([("listener.tcp.3307", Severity.High), ("listener.udp.5000", Severity.High)], findings.Select(f => (f.Id, f.Severity)));
        Assert.All(findings, f => Assert.DoesNotContain("cloudshark-hardening --once", f.Fix, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Contains("stop the process", f.Fix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_PortPid1HoldsForASocketUnit_NamesTheSocketUnitAndItsFixNotInitScope()
    {
        var live = new FakeLiveSystem().Listen(Transport.Tcp, "::", 3306, "systemd", "init.scope", pid: 1);
        live.Units["mariadb.socket"] = FakeLiveSystem.Unit("mariadb.socket") with
        {
            Listen = [new("Stream", "@mariadb"), new("Stream", "/run/mysqld/mysqld.sock"), new("Stream", "[::]:3306")],
        };
        live.Units["syslog.socket"] = FakeLiveSystem.Unit("syslog.socket") with { Listen = [new("Datagram", "[::]:3306")] };

        var finding = Assert.Single(await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None));

        Assert.Equal("TCP port 3306 is reachable from the network: systemd listens on [::]:3306 for mariadb.socket", finding.Title);
        Assert.Contains("('systemctl disable --now mariadb.socket')", finding.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("init.scope", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PortPid1HoldsThatNoListeningSocketUnitClaims_SaysSystemdPid1AndOffersNoUnitToDisable()
    {
        var live = new FakeLiveSystem().Listen(Transport.Tcp, "0.0.0.0", 3306, "systemd", "init.scope", pid: 1);
        live.Units["mariadb.socket"] = FakeLiveSystem.Unit("mariadb.socket", activeState: "inactive") with { Listen = [new("Stream", "3306")] };
        live.Units["other.socket"] = FakeLiveSystem.Unit("other.socket") with { Listen = [new("Stream", "127.0.0.1:3306")] };

        var finding = Assert.Single(await new ExposedListenersCheck(live, AuditOptions.Default, Units).RunAsync(CancellationToken.None));

        Assert.Equal("TCP port 3306 is reachable from the network: systemd (PID 1)", finding.Title);
        Assert.DoesNotContain("systemctl disable", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("stop the process", finding.Fix, StringComparison.Ordinal);
    }

    internal static FakeLiveSystem FreshAppliance() => new FakeLiveSystem()
        .Listen(Transport.Tcp, "0.0.0.0", 22, "sshd", "ssh.service", pid: 300)
        .Listen(Transport.Tcp, "0.0.0.0", 80, "serve", "cloudshark.service", pid: 500)
        .Listen(Transport.Tcp, "0.0.0.0", 3306, "mariadbd", "mariadb.service", pid: 410)
        .Listen(Transport.Tcp, "0.0.0.0", 11211, "memcached", "memcached.service", pid: 420)
        .Listen(Transport.Tcp, "::", 11211, "memcached", "memcached.service", pid: 420)
        .Listen(Transport.Udp, "0.0.0.0", 11211, "memcached", "memcached.service", pid: 420)
        .Listen(Transport.Tcp, "127.0.0.1", 25, "exim4", "exim4.service", pid: 600);
}
