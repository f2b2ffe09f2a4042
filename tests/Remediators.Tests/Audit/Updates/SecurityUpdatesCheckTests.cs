using System.Diagnostics;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Audit.Updates;
using CloudSharkHardening.Remediators.Host.Processes;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Updates;

/// <summary>Real programs standing in for dnf and apt-get: scripts in the tree's /usr/bin.</summary>
public sealed class SecurityUpdatesCheckTests : IDisposable
{
    private const string CacheFile = TempTree.StateDirectory + "/update-check.json";
    private readonly TempTree _tree = new();

    [Fact]
    public async Task Run_NoPackageManagerInstalled_IsAnUnknownFindingNotAnError()
    {
        var findings = await Check(Platform.RedHat).RunAsync(CancellationToken.None);

        var finding = Assert.Single(findings);
        Assert.Equal("updates.unknown", finding.Id);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal($"no dnf or yum in {_tree.HostPath("/usr/bin")}", finding.Evidence[0]);
        Assert.False(_tree.Exists(CacheFile));
    }

    [Fact]
    public async Task Run_PackageManagerHangs_IsStoppedAtTheTimeoutAndUnknown()
    {
        FakeProgram("dnf", "sleep 30");
        var watch = Stopwatch.StartNew();

        var findings = await Check(Platform.RedHat, timeout: TimeSpan.FromMilliseconds(300)).RunAsync(CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var finding = Assert.Single(findings);
        Assert.Equal("updates.unknown", finding.Id);
        Assert.StartsWith("'dnf --quiet updateinfo list --security' gave no answer within 0.3 s and was stopped", finding.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PackageManagerFails_SaysHowWithItsFirstErrorLine()
    {
        FakeProgram("dnf", "echo 'Error: Failed to download metadata for repo baseos' >&2; echo second >&2; exit 1");

        var finding = Assert.Single(await Check(Platform.RedHat).RunAsync(CancellationToken.None));

        Assert.Equal("updates.unknown", finding.Id);
        Assert.StartsWith("'dnf --quiet updateinfo list --security' failed (exit 1): Error: Failed to download metadata for repo baseos;", finding.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DnfListsAdvisories_OneHighFindingWithEachPackage()
    {
        FakeProgram("dnf", $"cat '{Fixture("dnf4-updateinfo-security.txt")}'");

        var finding = Assert.Single(await Check(Platform.RedHat).RunAsync(CancellationToken.None));

        Assert.Equal("updates.security-pending", finding.Id);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.StartsWith("'dnf --quiet updateinfo list --security': 5 pending security update(s) (1 Important, 3 Moderate, 1 Low); checked ", finding.Evidence[0], StringComparison.Ordinal);
        Assert.Equal("RHSA-2024:3501 Important: nghttp2-libs-1.43.0-5.el9_4.3.x86_64", finding.Evidence[1]);
        Assert.Contains("dnf upgrade --security", finding.Fix, StringComparison.Ordinal);
        Assert.Equal([BenchmarkReferences.LynisVulnerablePackages], finding.References);
    }

    [Fact]
    public async Task Run_OnlyYumInstalled_AsksYum()
    {
        FakeProgram("yum", "[ \"$*\" = '--quiet updateinfo list security' ] && echo 'RHSA-2019:1234 Moderate/Sec. pkg-1.0-1.el7.x86_64'");

        var finding = Assert.Single(await Check(Platform.RedHat).RunAsync(CancellationToken.None));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("RHSA-2019:1234 Moderate: pkg-1.0-1.el7.x86_64", finding.Evidence[1]);
    }

    [Fact]
    public async Task Run_AptWithSecurityLists_CountsSecurityUpgradesOnly()
    {
        _tree.Write("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages", "");
        FakeProgram("apt-get", $"cat '{Fixture("apt-get-simulate-upgrade.txt")}'");

        var finding = Assert.Single(await Check(Platform.Debian).RunAsync(CancellationToken.None));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(["libssl3", "openssl"], finding.Evidence.Skip(1));
    }

    [Theory]
    [InlineData(null, "apt has no package lists in /var/lib/apt/lists ('apt-get update' has not run)")]
    [InlineData("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", "no security archive among apt's sources (add the distribution's -security suite)")]
    public async Task Run_AptThatCannotSeeSecurityUpdates_IsUnknownWithoutRunningIt(string? list, string why)
    {
        if (list is not null)
        {
            _tree.Write($"/var/lib/apt/lists/{list}", "");
        }

        var marker = _tree.HostPath("/tmp/apt-ran");
        FakeProgram("apt-get", $"touch '{marker}'");

        var finding = Assert.Single(await Check(Platform.Debian).RunAsync(CancellationToken.None));

        Assert.Equal("updates.unknown", finding.Id);
        Assert.Equal(why, finding.Evidence[0]);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Run_AnswerIsReusedUntilItIsOlderThanTheCacheTime()
    {
        FakeProgram("dnf", $"cat '{Fixture("dnf4-updateinfo-security.txt")}'");
        var first = await Check(Platform.RedHat).RunAsync(CancellationToken.None);
        FakeProgram("dnf", "true"); // everything installed since

        _tree.Time.Advance(TimeSpan.FromHours(5));
        var cached = await Check(Platform.RedHat).RunAsync(CancellationToken.None);
        _tree.Time.Advance(TimeSpan.FromHours(2));
        var fresh = await Check(Platform.RedHat).RunAsync(CancellationToken.None);

        Assert.Equal(first.Single().Evidence, cached.Single().Evidence);
        Assert.Empty(fresh);
    }

    [Fact]
    public async Task Run_WithoutSaving_WritesNothing()
    {
        FakeProgram("dnf", "true");
        var before = _tree.Snapshot();

        Assert.Empty(await Check(Platform.RedHat, save: false).RunAsync(CancellationToken.None));

        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task Run_DamagedCacheFile_IsAskedAgainAndReplaced()
    {
        _tree.Write(CacheFile, "{ not json");
        FakeProgram("dnf", "true");

        Assert.Empty(await Check(Platform.RedHat).RunAsync(CancellationToken.None));

        Assert.Contains("\"checkedAt\"", _tree.Read(CacheFile), StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();

    private SecurityUpdatesCheck Check(Platform platform, TimeSpan? timeout = null, bool save = true) => new(
        _tree.Host,
        new CommandRunner(TimeProvider.System),
        platform,
        AuditOptions.Default with { UpdateCheckTimeout = timeout ?? TimeSpan.FromSeconds(20) },
        TempTree.StateDirectory,
        [_tree.HostPath("/usr/bin")],
        save);

    private void FakeProgram(string name, string script)
    {
        var path = $"/usr/bin/{name}";
        _tree.Write(path, $"#!/bin/sh\n{script}\n");
        File.SetUnixFileMode(_tree.HostPath(path), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "updates", name);
}
