using System.ComponentModel;
using System.Globalization;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Processes;

namespace CloudSharkHardening.Remediators.Audit.Updates;

/// <summary>
/// Pending security updates, as the platform's package manager reports them (dnf or yum
/// security advisories on EL, apt's security archive on Debian), asked read-only, bounded by a
/// timeout and remembered for a while. A package manager that is missing, slow or failing
/// gives an "unknown" finding, never an error.
/// </summary>
/// <param name="host">The live appliance: its state directory keeps the last answer.</param>
/// <param name="commands">Runs the package manager.</param>
/// <param name="platform">Which package managers to ask.</param>
/// <param name="options">Timeout and how long an answer is reused.</param>
/// <param name="stateDirectory">Where the last answer is kept.</param>
/// <param name="programDirectories">Where to look for dnf, yum or apt-get.</param>
/// <param name="saveAnswer">False for <c>--check</c>, which writes nothing at all.</param>
public sealed class SecurityUpdatesCheck(
    ApplianceHost host,
    CommandRunner commands,
    Platform platform,
    AuditOptions options,
    string stateDirectory,
    IReadOnlyList<string> programDirectories,
    bool saveAnswer) : IAuditCheck
{
    /// <summary>Where dnf, yum and apt-get are installed on EL and Debian.</summary>
    public static IReadOnlyList<string> SystemProgramDirectories { get; } = ["/usr/bin", "/usr/sbin", "/bin", "/sbin"];

    private const string AptLists = "/var/lib/apt/lists";

    public string Name => "updates";

    public async Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        var cache = new UpdateCheckCache(host, stateDirectory);
        if (cache.Fresh(platform, options.UpdateCacheTime) is { } remembered)
        {
            return remembered;
        }

        var managers = PackageManager.For(platform);
        var found = managers.Select(m => (Manager: m, Path: Locate(m.Program))).FirstOrDefault(m => m.Path is not null);
        if (found.Path is null)
        {
            // Cheap to find out again, and installing one should show at once: not remembered.
            return [Unknown($"no {string.Join(" or ", managers.Select(m => m.Program))} in {string.Join(", ", programDirectories)}")];
        }

        // Like a missing program, cheap to see and quick to change: never remembered.
        if (found.Manager.Program == "apt-get" && AptCannotSeeSecurityUpdates() is { } blind)
        {
            return [Unknown(blind)];
        }

        var findings = await AskAsync(found.Manager, found.Path, cancellationToken).ConfigureAwait(false);
        if (saveAnswer)
        {
            cache.Save(platform, findings);
        }

        return findings;
    }

    private async Task<IReadOnlyList<Finding>> AskAsync(PackageManager manager, string path, CancellationToken cancellationToken)
    {
        var checkedAt = string.Create(CultureInfo.InvariantCulture, $"checked {host.Time.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        CommandResult result;
        try
        {
            result = await commands.RunAsync(path, manager.Arguments, options.UpdateCheckTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return [Unknown($"{path} could not be run: {e.Message}; {checkedAt}")];
        }

        var command = $"{manager.Program} {string.Join(' ', manager.Arguments)}";
        if (!result.Succeeded)
        {
            var why = result.ExitCode == -1
                ? string.Create(CultureInfo.InvariantCulture, $"gave no answer within {options.UpdateCheckTimeout.TotalSeconds:0.#} s and was stopped")
                : string.Create(CultureInfo.InvariantCulture, $"failed (exit {result.ExitCode}): {FirstLine(result.Error)}");
            return [Unknown($"'{command}' {why}; {checkedAt}")];
        }

        var pending = manager.Parse(result.Output);
        return pending.Count == 0 ? [] : [Pending(command, pending, manager.Fix, checkedAt)];
    }

    private string? Locate(string program) =>
        programDirectories.Select(directory => System.IO.Path.Combine(directory, program)).FirstOrDefault(File.Exists);

    /// <summary>apt only knows what its package lists say; without lists from a security archive it cannot see a security update.</summary>
    private string? AptCannotSeeSecurityUpdates()
    {
        var lists = host.Files.ListDirectory(AptLists).Where(name => name.Contains("_Packages", StringComparison.Ordinal)).ToList();
        if (lists.Count == 0)
        {
            return $"apt has no package lists in {AptLists} ('apt-get update' has not run)";
        }

        return lists.Any(name => name.Contains("security", StringComparison.OrdinalIgnoreCase))
            ? null
            : "no security archive among apt's sources (add the distribution's -security suite)";
    }

    private static Finding Pending(string command, IReadOnlyList<PendingUpdate> pending, string fix, string checkedAt)
    {
        var ratings = pending.Where(p => p.Rating is not null).GroupBy(p => p.Rating!, StringComparer.OrdinalIgnoreCase).Select(g => $"{g.Count()} {g.Key}");
        var summary = string.Create(CultureInfo.InvariantCulture, $"'{command}': {pending.Count} pending security update(s)");
        var evidence = new List<string> { ratings.Any() ? $"{summary} ({string.Join(", ", ratings)}); {checkedAt}" : $"{summary}; {checkedAt}" };
        evidence.AddRange(pending.Take(10).Select(p => p.Advisory is null ? p.Package : $"{p.Advisory} {p.Rating}: {p.Package}"));
        if (pending.Count > 10)
        {
            evidence.Add(string.Create(CultureInfo.InvariantCulture, $"... and {pending.Count - 10} more"));
        }

        // Without ratings (apt), every security update counts as urgent.
        var urgent = pending.Any(p => p.IsUrgent) || pending.All(p => p.Rating is null);
        return new Finding(
            "updates.security-pending",
            urgent ? Severity.High : Severity.Medium,
            "Security updates are waiting to be installed",
            evidence,
            fix,
            [BenchmarkReferences.LynisVulnerablePackages]);
    }

    private static Finding Unknown(string why) => new(
        "updates.unknown",
        Severity.Low,
        "Whether security updates are pending is unknown",
        [why],
        "Check for security updates by hand ('dnf updateinfo list --security' on EL, 'apt-get update && apt-get -s upgrade' on Debian).",
        [BenchmarkReferences.LynisVulnerablePackages]);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
