using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Keeps <c>cloudshark_hardening.prom</c> in the textfile collector's directory, replaced
/// atomically after every pass so node_exporter never reads half a file. Without that
/// directory (no node_exporter here) there is nothing to write.
/// </summary>
public sealed class DaemonMetricsFile(RootedFileSystem files, SafeFileWriter writer, Func<string> directory)
{
    private readonly DaemonMetrics _metrics = new();

    public void Write(RunReport report, int contestedRules)
    {
        _metrics.Record(report, contestedRules);
        var target = directory();
        if (files.Stat(target).Kind == FileNodeKind.Directory)
        {
            // node_exporter runs as its own user and must read it.
            writer.Publish(AppliancePath.Combine(target, "cloudshark_hardening.prom"), _metrics.Render(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }
}
