using System.Text.Json;
using CloudSharkHardening.Agent.Cli;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Cli;

/// <summary>The whole --once path, in process, on copies of the sample appliance.</summary>
public sealed class OnceCommandTests : IDisposable
{
    private const string State = TempTree.StateDirectory;
    private readonly TempTree _tree = TempTree.FromSample();

    [Fact]
    public async Task Once_SampleAppliance_HardensThenSecondPassChangesNothing()
    {
        var (first, firstOut, _) = await RunAsync("--once", "--root", _tree.Root);
        var afterFirst = _tree.Snapshot(exceptUnder: State);
        var (second, secondOut, _) = await RunAsync("--once", "--root", _tree.Root);

        Assert.Equal(ExitCodes.ChangesMade, first);
        Assert.Contains("memcached        changed", firstOut, StringComparison.Ordinal);
        Assert.Contains("restart memcached.service: at-next-boot", firstOut, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Compliant, second);
        Assert.Equal(RuleCatalog.Names.Count, secondOut.Split('\n').Count(line => line.StartsWith("  ", StringComparison.Ordinal) && line.Contains(" compliant ", StringComparison.Ordinal)));
        Assert.Equal(afterFirst, _tree.Snapshot(exceptUnder: State));
        Assert.True(_tree.Exists(State + "/last-run.json"));
        Assert.False(_tree.Exists(State + "/pending-unit-actions.json"));
    }

    [Fact]
    public async Task Check_SampleAppliance_ReportsDriftAndLeavesTheTreeByteIdentical()
    {
        var before = _tree.Snapshot();

        var (code, output, _) = await RunAsync("--check", "--root", _tree.Root);

        Assert.Equal(ExitCodes.ChangesMade, code);
        Assert.Contains("drift", output, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task Json_PrintsOnlyTheReportOnStdout()
    {
        var (code, output, _) = await RunAsync("--once", "--json", "--root", _tree.Root);

        using var document = JsonDocument.Parse(output);
        Assert.Equal(code, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(RuleCatalog.Names.Count, document.RootElement.GetProperty("rules").GetArrayLength());
        Assert.Equal("changed", document.RootElement.GetProperty("rules")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Diff_ShowsUnifiedDiffsOfTheFileChanges()
    {
        var (_, output, _) = await RunAsync("--check", "--diff", "--root", _tree.Root);

        Assert.Contains("--- a/etc/sysconfig/memcached", output, StringComparison.Ordinal);
        Assert.Contains("+skip-networking", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule_LimitsThePassToTheNamedRules()
    {
        var (_, output, _) = await RunAsync("--once", "--json", "--rule", "mariadb", "--root", _tree.Root);

        using var document = JsonDocument.Parse(output);
        Assert.Equal("mariadb", Assert.Single(document.RootElement.GetProperty("rules").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task BadConfig_Exits78ListingEveryErrorAndTouchesNothing()
    {
        _tree.Write("/etc/cloudshark-hardening/hardening.json", "{ \"rules\": { \"firewal\": {}, \"memcached\": { \"listen\": [\"10.0.0.1\"] } } }");
        var before = _tree.Snapshot();

        var (code, _, error) = await RunAsync("--once", "--root", _tree.Root);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Contains("rules.firewal: unknown rule", error, StringComparison.Ordinal);
        Assert.Contains("rules.memcached.listen[0]", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task CrlfTargetFile_FailsThatRuleOnlyAndLeavesTheFile()
    {
        _tree.Write("/etc/sysconfig/memcached", "PORT=\"11211\"\r\nOPTIONS=\"-U 11211\"\r\n");

        var (code, output, _) = await RunAsync("--once", "--root", _tree.Root);

        Assert.Equal(ExitCodes.ChangesMade | ExitCodes.RuleFailed, code);
        Assert.Contains("memcached        FAILED", output, StringComparison.Ordinal);
        Assert.Contains("CRLF", output, StringComparison.Ordinal);
        Assert.Contains("mariadb          changed", output, StringComparison.Ordinal);
        Assert.Equal("PORT=\"11211\"\r\nOPTIONS=\"-U 11211\"\r\n", _tree.Read("/etc/sysconfig/memcached"));
    }

    [Theory]
    [InlineData("--once", "--bogus")]
    [InlineData("--once", "--rule", "firewal")]
    [InlineData("--once", "--root", "/nonexistent/cloudshark-root")]
    public async Task BadUsage_Exits64(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task AnotherRunHoldsTheLock_Exits75AfterWaiting()
    {
        var time = new ManualTimeProvider();
        using var held = await RunLock.AcquireAsync(_tree.Root, TimeSpan.Zero, time, CancellationToken.None);
        var output = new StringWriter();
        var error = new StringWriter();

        var run = CommandLine.RunAsync(["--once", "--root", _tree.Root], output, error, time, CancellationToken.None);
        while (!run.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.Equal(ExitCodes.Locked, await run);
        Assert.Contains("another run holds the lock", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, new ManualTimeProvider(), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
