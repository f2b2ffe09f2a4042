using System.Text.Json;
using CloudSharkHardening.Agent.Cli;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Audit;

/// <summary>The audit's findings in every pass's report, printed and kept.</summary>
public sealed class OnceAuditTests : IDisposable
{
    private readonly TempTree _tree = TempTree.FromSample();

    public OnceAuditTests() =>
        _tree.Write("/etc/shadow", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Remediators.Tests", "Fixtures", "shadow", "debian12-testbed")));

    [Fact]
    public async Task Once_ReportCarriesTheFindingsWithoutChangingTheExitCode()
    {
        var (code, output) = await RunAsync("--once", "--json", "--root", _tree.Root);

        using var document = JsonDocument.Parse(output);
        var audit = document.RootElement.GetProperty("audit");
        Assert.Equal("password.shipped.cloudshark", audit.GetProperty("findings")[0].GetProperty("id").GetString());
        Assert.Equal("high", audit.GetProperty("findings")[0].GetProperty("severity").GetString());
        Assert.Equal(ExitCodes.ChangesMade, code);
    }

    [Fact]
    public async Task Once_LastRunJsonKeepsTheFindings()
    {
        await RunAsync("--once", "--root", _tree.Root);

        var kept = JsonReportWriter.Parse(_tree.Read(TempTree.StateDirectory + "/last-run.json"));

        Assert.Equal("password.shipped.cloudshark", Assert.Single(kept!.Audit!.Findings).Id);
    }

    [Fact]
    public async Task Check_HumanReportShowsOneLinePerFindingBeforeTheExitLine()
    {
        var (_, output) = await RunAsync("--check", "--root", _tree.Root);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("audit: 1 high; 'cloudshark-hardening audit' shows what was seen and the fixes", lines[^4]);
        Assert.Equal("  high      password.shipped.cloudshark  The cloudshark account still accepts the password CloudShark ships with", lines[^3]);
        Assert.StartsWith("  not checked: listeners", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("exit 2:", lines[^1], StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, new StringWriter(), new ManualTimeProvider(), CancellationToken.None);
        return (code, output.ToString());
    }
}
