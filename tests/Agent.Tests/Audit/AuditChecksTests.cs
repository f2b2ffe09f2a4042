using CloudSharkHardening.Agent.Audit;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Time;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Audit;

/// <summary>Every check together on a described running appliance: the scenarios, in process.</summary>
public sealed class AuditChecksTests : IDisposable
{
    private readonly TempTree _tree = TempTree.FromSample();

    public AuditChecksTests()
    {
        _tree.Write("/etc/shadow", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Remediators.Tests", "Fixtures", "shadow", "debian12-testbed")));
        _tree.MakeDirectory("/usr/bin");
    }

    [Fact]
    public async Task Run_FreshAppliance_FindsListenersShippedPasswordNoTimeSyncAndUnknownUpdates()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Tcp, "0.0.0.0", 22, "sshd", "ssh.service")
            .Listen(Transport.Tcp, "0.0.0.0", 3306, "mariadbd", "mariadb.service")
            .Listen(Transport.Tcp, "0.0.0.0", 11211, "memcached", "memcached.service")
            .Listen(Transport.Udp, "0.0.0.0", 11211, "memcached", "memcached.service");

        var report = await RunAsync(live);

        Assert.Equal(
            [
                "listener.udp.11211 critical",
                "listener.tcp.11211 high",
                "listener.tcp.3306 high",
                "password.shipped.cloudshark high",
                "agent.unit-not-enabled medium",
                "time.no-sync-service medium",
                "updates.unknown low",
            ],
            report.Findings.Select(f => $"{f.Id} {f.Severity.ToString().ToLowerInvariant()}"));
        Assert.Contains("mariadbd, pid 4242, mariadb.service", report.Findings[2].Evidence[0], StringComparison.Ordinal);
        Assert.Empty(report.NotChecked);
    }

    [Fact]
    public async Task Run_AfterThePassClosedThePorts_OnlyThePasswordAndTheHostFindingsRemain()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service");
        live.Units["chronyd.service"] = FakeLiveSystem.Unit("chronyd.service");
        live.Units["cloudshark-hardening.service"] = FakeLiveSystem.Unit("cloudshark-hardening.service") with { UnitFileState = "enabled" };

        var report = await RunAsync(live);

        Assert.Equal(["password.shipped.cloudshark", "updates.unknown"], report.Findings.Select(f => f.Id));
    }

    [Fact]
    public async Task Run_ProcessCalledMemcachedOutsideTheConfiguredUnit_IsAForeignListener()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service")
            .Listen(Transport.Udp, "127.0.0.1", 11211, "memcached", "user@1000.service", pid: 5000);

        var report = await RunAsync(live);

        Assert.Contains(report.Findings, f => f.Id == "listener.foreign.udp.11211" && f.Title.Contains("pid 5000, user@1000.service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OfflineImage_ChecksFilesOnlyAndSaysWhatItSkipped()
    {
        var config = ConfigLoader.Load(_tree.Files, null);

        var report = await AuditChecks.RunAsync(config, _tree.Host, null, saveAnswers: true, rememberVerdicts: true, new NoClock(), [_tree.HostPath("/usr/bin")], CancellationToken.None);

        Assert.Equal(["password.shipped.cloudshark"], report.Findings.Select(f => f.Id));
        Assert.Single(report.NotChecked);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_Live_KeepsPasswordVerdictsOnlyWhenAPassMayRememberThem(bool rememberVerdicts)
    {
        var report = await RunAsync(new FakeLiveSystem(), rememberVerdicts);

        Assert.Contains(report.Findings, f => f.Id == "password.shipped.cloudshark");
        Assert.Equal(rememberVerdicts, _tree.Exists("/var/lib/cloudshark-hardening/password-verdicts.json"));
    }

    public void Dispose() => _tree.Dispose();

    private Task<AuditReport> RunAsync(FakeLiveSystem live, bool rememberVerdicts = true) =>
        AuditChecks.RunAsync(ConfigLoader.Load(_tree.Files, null), _tree.HostWith(live), null, saveAnswers: true, rememberVerdicts, new NoClock(), [_tree.HostPath("/usr/bin")], CancellationToken.None);

    private sealed class NoClock : IClockStatus
    {
        public Task<ClockSynchronisation?> QueryAsync(CancellationToken cancellationToken) => Task.FromResult<ClockSynchronisation?>(null);
    }
}
