using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Passwords;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Passwords;

public sealed class ShippedPasswordCheckTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public async Task Run_TestBedAsShipped_FindsCloudsharkOnlyAsRootIsLocked()
    {
        var findings = await RunAsync("debian12-testbed", "cloudshark", "root");

        var finding = Assert.Single(findings);
        Assert.Equal("password.shipped.cloudshark", finding.Id);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(["cloudshark (/etc/shadow line 23): its yescrypt hash matches the shipped password"], finding.Evidence);
        Assert.Contains("passwd cloudshark", finding.Fix, StringComparison.Ordinal);
        Assert.Equal([BenchmarkReferences.DefaultCredentials], finding.References);
    }

    [Fact]
    public async Task Run_El9AsShipped_FindsRootAsCriticalAndCloudsharkAsHigh()
    {
        var findings = await RunAsync("el9-shipped", "cloudshark", "root");

        Assert.Equal(
            [("password.shipped.cloudshark", Severity.High), ("password.shipped.root", Severity.Critical)],
            findings.Select(f => (f.Id, f.Severity)));
    }

    [Fact]
    public async Task Run_PasswordsChanged_FindsNothing()
    {
        Assert.Empty(await RunAsync("changed", "cloudshark", "root"));
    }

    [Fact]
    public async Task Run_EveryHashMethod_JudgedByTheSystemsCrypt()
    {
        var findings = await RunAsync("methods", "oldmd5", "blowfish", "lockedhash", "nopassword", "star", "absent");

        Assert.Equal(
            ["password.shipped.oldmd5", "password.shipped.blowfish", "password.empty.nopassword"],
            findings.Select(f => f.Id));
        Assert.Equal([BenchmarkReferences.LynisAccountsWithoutPassword], findings[2].References);
    }

    [Fact]
    public async Task Run_DamagedShadow_ReportsWhatItCouldCheckAndWhatItCouldNot()
    {
        var findings = await RunAsync("damaged", "cloudshark", "root");

        Assert.Equal(["password.shipped.cloudshark", "password.unknown.root"], findings.Select(f => f.Id));
        Assert.Equal(Severity.Low, findings[1].Severity);
        Assert.Contains("lines 1, 2, 3, 5, 9, 10 are malformed", findings[1].Evidence[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debian12-testbed")]
    [InlineData("el9-shipped")]
    [InlineData("methods")]
    [InlineData("damaged")]
    public async Task Run_NoFindingEverHoldsAHash(string fixture)
    {
        var findings = await RunAsync(fixture, "cloudshark", "root", "oldmd5", "blowfish", "lockedhash", "nopassword");

        var shown = string.Join("\n", findings.SelectMany(f => new[] { f.Id, f.Title, f.Fix }.Concat(f.Evidence)));
        Assert.NotEmpty(findings);
        Assert.All(ShadowFixtures.Hashes(ShadowFixtures.Read(fixture)), hash => Assert.DoesNotContain(hash, shown, StringComparison.Ordinal));
        Assert.DoesNotContain(ShippedPasswordCheck.ShippedPassword, shown.Replace("CloudShark", "", StringComparison.Ordinal).Replace("cloudshark", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoShadowFile_ThrowsForTheAuditToReport()
    {
        var check = new ShippedPasswordCheck(_tree.Files, ["cloudshark"]);

        await Assert.ThrowsAsync<HardeningException>(() => check.RunAsync(CancellationToken.None));
    }

    public void Dispose() => _tree.Dispose();

    private async Task<IReadOnlyList<Finding>> RunAsync(string fixture, params string[] accounts)
    {
        _tree.Write("/etc/shadow", ShadowFixtures.Read(fixture));
        return await new ShippedPasswordCheck(_tree.Files, accounts).RunAsync(CancellationToken.None);
    }
}
