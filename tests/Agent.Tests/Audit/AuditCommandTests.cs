using System.Text.Json;
using CloudSharkHardening.Agent.Audit;
using CloudSharkHardening.Agent.Cli;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Audit;

/// <summary><c>cloudshark-hardening audit</c> in process, on copies of the sample appliance (an offline image).</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly TempTree _tree = TempTree.FromSample();

    [Fact]
    public async Task Audit_ShippedAppliance_TableListsPasswordsAndRuleDriftAndExits1()
    {
        UseShadow("el9-shipped");

        var (code, output, _) = await RunAsync("audit", "--root", _tree.Root);

        Assert.Equal(AuditCommand.FindingsAtOrAboveThreshold, code);
        var lines = output.Split('\n');
        Assert.StartsWith($"cloudshark-hardening audit of {_tree.Root} (redhat), ", lines[0], StringComparison.Ordinal);
        Assert.Equal("  SEVERITY  ID                           WHAT", lines[1]);
        Assert.Equal("  critical  password.shipped.root        The root account still accepts the password CloudShark ships with", lines[2]);
        Assert.StartsWith("fix:  Change it now with 'passwd root'", lines[3].TrimStart(), StringComparison.Ordinal);
        Assert.Equal(lines[1].IndexOf("WHAT", StringComparison.Ordinal), lines[3].IndexOf("fix:", StringComparison.Ordinal));
        Assert.Contains("  high      password.shipped.cloudshark  ", output, StringComparison.Ordinal);
        Assert.Contains("  medium    rule.memcached.drift         The memcached rule finds drift, which the next pass repairs", output, StringComparison.Ordinal);
        Assert.Contains("rules: memcached drift, mariadb drift, uploads drift, cloudshark-unit drift", output, StringComparison.Ordinal);
        Assert.Contains("not checked: listeners, time synchronisation, security updates and the agent's unit: an offline image", output, StringComparison.Ordinal);
        Assert.EndsWith("exit 1: 2 finding(s) at or above high (1 critical, 1 high, 4 medium)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_FailOnCritical_Exits0WhenNothingIsCritical()
    {
        UseShadow("debian12-testbed");

        var (critical, _, _) = await RunAsync("audit", "--fail-on", "critical", "--root", _tree.Root);
        var (high, _, _) = await RunAsync("audit", "--root", _tree.Root);

        Assert.Equal(0, critical);
        Assert.Equal(AuditCommand.FindingsAtOrAboveThreshold, high);
    }

    [Fact]
    public async Task Audit_Json_CarriesFindingsRulesAndTheThreshold()
    {
        UseShadow("el9-shipped");

        var (code, output, _) = await RunAsync("audit", "--json", "--fail-on", "medium", "--root", _tree.Root);

        using var document = JsonDocument.Parse(output);
        var page = document.RootElement;
        Assert.Equal(code, page.GetProperty("exitCode").GetInt32());
        Assert.Equal("medium", page.GetProperty("failOn").GetString());
        var first = page.GetProperty("findings")[0];
        Assert.Equal("password.shipped.root", first.GetProperty("id").GetString());
        Assert.Equal("critical", first.GetProperty("severity").GetString());
        Assert.Equal("CWE-1392", first.GetProperty("references")[0].GetString());
        Assert.Equal("drift", page.GetProperty("rules")[0].GetProperty("status").GetString());
        Assert.Single(page.GetProperty("notChecked").EnumerateArray());
        Assert.DoesNotContain("$6$", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ChangesNothingAtAll()
    {
        UseShadow("el9-shipped");
        var before = _tree.Snapshot();

        await RunAsync("audit", "--root", _tree.Root);

        Assert.Equal(before, _tree.Snapshot());
    }

    [Theory]
    [InlineData("audit", "--fail-on", "severe")]
    [InlineData("audit", "--bogus")]
    [InlineData("audit", "--root", "/nonexistent/cloudshark-root")]
    public async Task Audit_BadUsage_Exits64(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Audit_BadConfig_Exits78()
    {
        _tree.Write("/etc/cloudshark-hardening/hardening.json", "{ \"audit\": { \"allowedTcpPorts\": [0] } }");

        var (code, _, error) = await RunAsync("audit", "--root", _tree.Root);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Contains("audit.allowedTcpPorts[0]", error, StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();

    private void UseShadow(string fixture) =>
        _tree.Write("/etc/shadow", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Remediators.Tests", "Fixtures", "shadow", fixture)));

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, new ManualTimeProvider(), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
