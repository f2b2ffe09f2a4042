using System.Runtime.InteropServices;
using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Firewall;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Cli;

/// <summary>
/// The daemon as the systemd unit runs it: composes the loop, owns the configuration and its
/// reload on SIGHUP, stops cleanly on SIGTERM, and runs each pass under the lock that
/// <c>--once</c> also takes. Signals are handled directly (PosixSignalRegistration): the
/// generic host would add start-up time and nothing this loop needs.
/// </summary>
public sealed class DaemonCommand(TextWriter error, TimeProvider time) : IDaemonPasses, IAsyncDisposable
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);
    private readonly RootedFileSystem _files = new("/");
    private string? _configPath;
    private HardeningConfig _config = null!;
    private ILoggerFactory _loggers = null!;
    private RestartBudget _budget = null!;
    private AgentSession _session = null!;
    private PathWatcher? _paths;
    private AuditReport? _audit;
    private DateTimeOffset _auditedAt;
    private UnitWatcher? _units;
    private KernelRulesWatcher? _kernel;

    public DaemonOptions Options => _config.Daemon;

    public async Task<int> RunAsync(string? configPath, bool verbose, CancellationToken cancellationToken)
    {
        _configPath = configPath;
        try
        {
            _config = ConfigLoader.Load(_files, configPath);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"cloudshark-hardening: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        _loggers = LoggingSetup.Create(verbose);
        _budget = new RestartBudget(time, () => (_config.Daemon.RestartsPerUnit, _config.Daemon.RestartWindow));
        _session = NewSession(_config);
        var inbox = new TriggerInbox(time);
        _paths = new PathWatcher(_files, inbox);
        _units = new UnitWatcher(time, inbox, _loggers.CreateLogger<UnitWatcher>());
        _kernel = new KernelRulesWatcher(time, inbox, NfTablesSocket.Open, _loggers.CreateLogger<KernelRulesWatcher>());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
        {
            signal.Cancel = true;
            inbox.Post(new Trigger(TriggerKind.Reload, "SIGHUP"));
        });
        using var notifier = SystemdNotifier.FromEnvironment();
        var loop = new DaemonLoop(
            this,
            inbox,
            new ContestTracker(time),
            new RestartHolds(time, _loggers.CreateLogger<RestartHolds>()),
            new DaemonMetricsFile(_files, _session.Host.Writer, () => _config.Daemon.MetricsDirectory),
            notifier,
            SystemdNotifier.WatchdogInterval(),
            time,
            new Random(),
            _loggers.CreateLogger<DaemonLoop>());
        await loop.RunAsync(stop.Token).ConfigureAwait(false);
        return ExitCodes.Compliant;
    }

    public async Task<RunReport?> RunAsync(IReadOnlySet<string> paused, CancellationToken cancellationToken)
    {
        using var runLock = await RunLock.AcquireAsync(OnceCommand.LiveLockPath, LockWait, time, cancellationToken).ConfigureAwait(false);
        if (runLock is null)
        {
            return null;
        }

        // A contested rule is still checked and reported, but not repaired while it is paused.
        var rules = _session.Rules.Select(r => paused.Contains(r.Rule.Name) && r.Mode == RuleMode.Enforce ? r with { Mode = RuleMode.Audit } : r).ToList();
        var report = await _session.RunPassAsync(rules, checkOnly: false, cancellationToken).ConfigureAwait(false);
        // The audit (password hashes, package manager) is refreshed once per interval, not on every file event.
        if (_audit is null || time.GetUtcNow() - _auditedAt >= _config.Daemon.Interval)
        {
            _audit = await _session.AuditAsync(_configPath, saveAnswers: true, rememberVerdicts: true, cancellationToken).ConfigureAwait(false);
            _auditedAt = time.GetUtcNow();
        }

        report = report with { Audit = _audit };
        // Re-armed after every pass: an include added to the option files is watched from now on.
        var active = _session.Rules.Where(r => r.Mode != RuleMode.Off).Select(r => r.Rule).ToList();
        _paths!.Watch(active.SelectMany(r => r.WatchedPaths));
        _units!.Watch(active.SelectMany(r => r.WatchedUnits));
        await _kernel!.WatchAsync(active.OfType<FirewallRule>().SingleOrDefault(), cancellationToken).ConfigureAwait(false);
        return report;
    }

    public void Publish(RunReport report) => _session.SaveReport(report);

    public RuleWatches WatchesOf(string rule) =>
        _session.Rules.FirstOrDefault(r => r.Rule.Name == rule)?.Rule is { } found ? new RuleWatches(found.WatchedPaths, found.WatchedUnits) : new RuleWatches([], []);

    public string? Reload()
    {
        HardeningConfig fresh;
        try
        {
            fresh = ConfigLoader.Load(_files, _configPath);
        }
        catch (ConfigException e)
        {
            return e.Message;
        }

        var old = _session;
        _config = fresh;
        _session = NewSession(fresh);
        _audit = null; // the audit settings may have changed too
        _ = old.DisposeAsync().AsTask();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _paths?.Dispose();
        if (_kernel is not null)
        {
            await _kernel.DisposeAsync().ConfigureAwait(false);
        }

        if (_units is not null)
        {
            await _units.DisposeAsync().ConfigureAwait(false);
        }

        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        _loggers?.Dispose();
    }

    private AgentSession NewSession(HardeningConfig config) =>
        new(_files, config, offline: false, time, _loggers, units => new BudgetedUnitManager(units, _budget));

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true; // we stop in our own time, between passes or after the grace period
        stop.Cancel();
    }
}
