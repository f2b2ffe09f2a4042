namespace CloudSharkHardening.Agent.Configuration;

/// <summary>How the daemon paces itself.</summary>
/// <param name="Interval">A full pass at least this often, even when nothing was seen to change.</param>
/// <param name="Jitter">Up to this much is added at random to each interval, so a fleet does not pass in step.</param>
/// <param name="MetricsDirectory">node_exporter's textfile collector directory; metrics are skipped when it does not exist.</param>
/// <param name="RestartsPerUnit">At most this many restarts of one unit per <paramref name="RestartWindow"/>, well below systemd's start limit (5 in 10 s).</param>
/// <param name="RestartWindow">The window of the restart budget.</param>
public sealed record DaemonOptions(TimeSpan Interval, TimeSpan Jitter, string MetricsDirectory, int RestartsPerUnit, TimeSpan RestartWindow)
{
    public static DaemonOptions Default { get; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), "/var/lib/prometheus/node-exporter", 3, TimeSpan.FromSeconds(10));
}
