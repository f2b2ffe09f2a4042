using CloudSharkHardening.Agent.Audit;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Processes;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>
/// What one configuration needs to run passes: the host behind the root, the live system
/// (sockets and systemd) unless the root is an offline image, the rules, and an engine per
/// pass. <c>--once</c> makes one; the daemon makes a new one when the configuration changes.
/// </summary>
public sealed class AgentSession : IAsyncDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    // Longer than systemd's default start timeout (90 s), so systemd decides a slow start first.
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(100);

    // How long a restarted service that shows no listening socket must stay up to count as
    // restarted. systemd's default RestartSec= is 100 ms, so a service that dies at start and
    // is brought back by Restart= shows within a fraction of this; one that listens is
    // accepted as soon as it does (a tenth of a second for memcached).
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    private readonly SystemdUnitManager? _systemd;
    private readonly IUnitManager _units;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly Action<string>? _afterRuleApplied;

    // Built once: a daemon's every pass would otherwise build it again (Polly's builder is not free).
    private readonly Polly.ResiliencePipeline _retries;

    public AgentSession(RootedFileSystem files, HardeningConfig config, bool offline, TimeProvider time, ILoggerFactory loggers, Func<IUnitManager, IUnitManager>? wrapUnits = null, Action<string>? afterRuleApplied = null)
    {
        Config = config;
        _time = time;
        _loggers = loggers;
        _afterRuleApplied = afterRuleApplied;
        _retries = RetryPipeline.Create(time, AttemptTimeout, FirstRetryDelay);
        var probe = ListenerProbe.ForRunningSystem(files);
        _systemd = offline ? null : new SystemdUnitManager(token => SystemdUnitManager.ConnectToSystemdAsync(time, token), new CommandRunner(time), time, JobTimeout, new RestartSettle(SettleTime, unit => Listens(probe, unit)));
        IUnitManager units = _systemd is null ? new OfflineUnitManager() : _systemd;
        _units = wrapUnits is null ? units : wrapUnits(units);
        // A live system is proven by its sockets and systemd's word; an image by its files alone.
        var live = _systemd is null ? null : new LiveSystem(probe, _systemd, new CommandRunner(time));
        Host = new ApplianceHost(files, config.StateDirectory, time, live);
        Rules = RuleCatalog.Create(config, Host);
    }

    public HardeningConfig Config { get; }

    public ApplianceHost Host { get; }

    /// <summary>Every rule, as the configuration switched it.</summary>
    public IReadOnlyList<ConfiguredRule> Rules { get; }

    /// <summary>One pass over <paramref name="rules"/> (a subset, or modes changed by the caller).</summary>
    public Task<RunReport> RunPassAsync(IReadOnlyList<ConfiguredRule> rules, bool checkOnly, CancellationToken cancellationToken)
    {
        var engine = new HardeningEngine(
            rules,
            _units,
            new RestartIntentStore(Host.Files, Host.Writer, Config.StateDirectory),
            new PlanRollback(Host),
            _retries,
            _time,
            _loggers.CreateLogger<HardeningEngine>(),
            _afterRuleApplied);
        // A run id needs uniqueness, not secrecy: 48 random bits of a version-4 GUID (the first
        // twelve hex digits) without RandomNumberGenerator, whose first use loads OpenSSL
        // (libssl and libcrypto: 4 ms and 4 MiB of a --once, measured).
        var request = new RunRequest(Guid.NewGuid().ToString("N")[..12], checkOnly, Host.Files.Root, Config.PlatformName);
        return engine.RunOnceAsync(request, cancellationToken);
    }

    /// <summary>
    /// The audit's findings for the appliance as it is now, for every pass's report; it never
    /// changes the appliance. <paramref name="explicitConfigPath"/> is --config as typed (its
    /// permissions are audited); <paramref name="saveAnswers"/> is false for --check;
    /// <paramref name="rememberVerdicts"/> is true for a pass that may write state (see AuditChecks).
    /// </summary>
    public Task<AuditReport> AuditAsync(string? explicitConfigPath, bool saveAnswers, bool rememberVerdicts, CancellationToken cancellationToken) =>
        AuditChecks.RunAsync(Config, Host, explicitConfigPath, saveAnswers, rememberVerdicts, _time, cancellationToken);

    /// <summary>Keeps the report where <c>status</c> and people find it.</summary>
    public void SaveReport(RunReport report) =>
        Host.Writer.WriteStateFile(AppliancePath.Combine(Config.StateDirectory, "last-run.json"), JsonReportWriter.Render(report));

    public async ValueTask DisposeAsync()
    {
        if (_systemd is not null)
        {
            await _systemd.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Sockets that cannot be read prove nothing: the restart then waits out the settle time.
    private static bool Listens(ListenerProbe probe, string unit)
    {
        try
        {
            return probe.UnitListens(unit);
        }
        catch (Remediators.Errors.HardeningException)
        {
            return false;
        }
    }
}
