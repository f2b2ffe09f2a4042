using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Reports;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>What the loop asks of the agent: a pass, and a fresh configuration.</summary>
public interface IDaemonPasses
{
    /// <summary>How the daemon paces itself under the current configuration.</summary>
    DaemonOptions Options { get; }

    /// <summary>
    /// One pass; the <paramref name="paused"/> rules are only checked. <c>null</c> when another
    /// run (a person's --once) holds the lock: the loop tries again shortly.
    /// </summary>
    Task<RunReport?> RunAsync(IReadOnlySet<string> paused, CancellationToken cancellationToken);

    /// <summary>Keeps the pass's final report (contested rules marked) where <c>status</c> and people read it.</summary>
    void Publish(RunReport report);

    /// <summary>Reads the configuration again; the errors when it is bad, and then the old one stays.</summary>
    string? Reload();

    /// <summary>What the rule named <paramref name="rule"/> watches under the current configuration.</summary>
    RuleWatches WatchesOf(string rule);
}
