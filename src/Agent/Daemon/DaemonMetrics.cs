using System.Globalization;
using System.Text;
using CloudSharkHardening.Agent.Reports;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// The daemon's counters, rendered in Prometheus' text exposition format for node_exporter's
/// textfile collector: the agent opens no port of its own.
/// </summary>
public sealed class DaemonMetrics
{
    private long _passes;
    private long _changes;
    private long _failures;
    private long _driftRepairs;
    private long _restarts;
    private int _contested;
    private double _lastDurationSeconds;
    private double _lastSuccess;
    private readonly Dictionary<string, RuleStatus> _status = new(StringComparer.Ordinal);

    public void Record(RunReport report, int contestedRules)
    {
        _passes++;
        _changes += report.Rules.Sum(r => r.Status == RuleStatus.Changed ? r.Changes.Count : 0);
        _driftRepairs += report.Rules.Count(r => r.Status == RuleStatus.Changed);
        _failures += report.Rules.Count(r => r.Status == RuleStatus.Failed);
        _restarts += report.UnitActions.Count(u => u.Action == "restart" && u.Result == "done");
        _contested = contestedRules;
        _lastDurationSeconds = report.DurationMilliseconds / 1000;
        if (report.Rules.All(r => r.Status != RuleStatus.Failed))
        {
            _lastSuccess = (report.StartedAt + TimeSpan.FromMilliseconds(report.DurationMilliseconds)).ToUnixTimeMilliseconds() / 1000.0;
        }

        foreach (var rule in report.Rules)
        {
            _status[rule.Name] = rule.Status;
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        Metric(text, "passes_total", "counter", "Passes run since the daemon started.", _passes);
        Metric(text, "changes_total", "counter", "Changes applied (file edits, links, directories, owners).", _changes);
        Metric(text, "drift_repairs_total", "counter", "Passes in which a rule was found drifted and repaired.", _driftRepairs);
        Metric(text, "failures_total", "counter", "Rule failures (check, apply or verification).", _failures);
        Metric(text, "restarts_total", "counter", "Unit restarts carried out.", _restarts);
        Metric(text, "contested_rules", "gauge", "Rules whose repairs are paused because something keeps undoing them.", _contested);
        Metric(text, "pass_duration_seconds", "gauge", "Wall time of the last pass.", _lastDurationSeconds);
        Metric(text, "last_success_timestamp_seconds", "gauge", "When the last pass without a failed rule ended (Unix time).", _lastSuccess);
        text.Append("# HELP cloudshark_hardening_rule_status The last status of each rule (1 for the current one).\n# TYPE cloudshark_hardening_rule_status gauge\n");
        foreach (var (rule, status) in _status.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            foreach (var value in Enum.GetValues<RuleStatus>())
            {
                var name = value.ToString().ToLowerInvariant();
                text.Append(CultureInfo.InvariantCulture, $"cloudshark_hardening_rule_status{{rule=\"{rule}\",status=\"{name}\"}} {(value == status ? 1 : 0)}\n");
            }
        }

        return text.ToString();
    }

    private static void Metric(StringBuilder text, string name, string type, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP cloudshark_hardening_{name} {help}\n# TYPE cloudshark_hardening_{name} {type}\ncloudshark_hardening_{name} {value}\n");
}
