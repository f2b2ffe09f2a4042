using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Agent;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Agent;

/// <summary>Real modes and owners on a copy of the sample appliance (the tests run as root).</summary>
public sealed class AgentFilesCheckTests : IDisposable
{
    private const string Config = "/etc/cloudshark-hardening/hardening.json";
    private const string State = TempTree.StateDirectory;
    private readonly TempTree _tree = TempTree.FromSample();

    public AgentFilesCheckTests()
    {
        _tree.Write(Config, "{}").Write(State + "/last-run.json", "{}").Write(State + "/backups/index.jsonl", "");
        foreach (var path in new[] { Config, State + "/last-run.json", State + "/backups/index.jsonl" })
        {
            Chmod(path, 0b110_000_000);
        }

        foreach (var path in new[] { "/etc/cloudshark-hardening", State, State + "/backups", "/etc", "/var", "/var/lib", "/" })
        {
            Chmod(path, 0b111_101_101);
        }
    }

    [Fact]
    public async Task Run_EverythingRootOnly_FindsNothing()
    {
        Assert.Empty(await RunAsync());
    }

    [Fact]
    public async Task Run_ConfigWorldWritable_NamesEveryone()
    {
        Chmod(Config, 0b110_110_110);

        var finding = Assert.Single(await RunAsync());

        Assert.Equal("agent.config-writable", finding.Id);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([$"{Config}: mode 0666, owner root:root; writable by everyone"], finding.Evidence);
        Assert.Equal([BenchmarkReferences.CriticalResourcePermissions], finding.References);
    }

    [Fact]
    public async Task Run_ConfigDirectoryOwnedByCloudshark_FindsTheDirectoryEvenWithoutAConfigFile()
    {
        File.Delete(_tree.HostPath(Config));
        _tree.Chown("/etc/cloudshark-hardening", 1000, 1000);

        var finding = Assert.Single(await RunAsync());

        Assert.Equal(["/etc/cloudshark-hardening: mode 0755, owner cloudshark:cloudshark; writable by user cloudshark"], finding.Evidence);
    }

    [Fact]
    public async Task Run_StateFilesWritableByAGroup_FindsEachFileAndSubdirectoryEntry()
    {
        _tree.Chown(State + "/backups/index.jsonl", 0, 1000);
        Chmod(State + "/backups/index.jsonl", 0b110_110_000);
        _tree.Chown(State, 986, 0);

        var finding = Assert.Single(await RunAsync());

        Assert.Equal("agent.state-writable", finding.Id);
        Assert.Equal(
            [$"{State}: mode 0755, owner memcached:root; writable by user memcached", $"{State}/backups/index.jsonl: mode 0660, owner root:cloudshark; writable by group cloudshark"],
            finding.Evidence);
    }

    [Fact]
    public async Task Run_StickyWorldWritableDirectoryAbove_IsNotAFinding()
    {
        Chmod("/var", 0b1_111_111_111);

        Assert.Empty(await RunAsync());
    }

    public void Dispose() => _tree.Dispose();

    private Task<IReadOnlyList<Finding>> RunAsync() =>
        new AgentFilesCheck(_tree.Host, _tree.Files, Config, State).RunAsync(CancellationToken.None);

    private void Chmod(string path, int mode) => File.SetUnixFileMode(_tree.HostPath(path), (UnixFileMode)mode);
}
