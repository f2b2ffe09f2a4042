using CloudSharkHardening.Agent.Audit;
using CloudSharkHardening.Agent.Reports;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Audit;

namespace CloudSharkHardening.Agent.Tests.Reports;

/// <summary>
/// A listening process named to clear the screen and forge the report's last line, put in
/// every place of a report where system text goes: a person's output shows it escaped, the
/// JSON keeps it exactly.
/// </summary>
public sealed class HumanOutputEscapingTests
{
    private const string Hostile = "memcached\x1b[2J\x1b[H\nexit 0: compliant, nothing changed\r\u202eevil";
    private const string ShownAs = @"memcached\x1b[2J\x1b[H\nexit 0: compliant, nothing changed\r\u202eevil";

    private static readonly Finding Finding = new(
        "unmanaged-listener", Severity.High, $"{Hostile} listens on 0.0.0.0:11211", [$"process {Hostile} (pid 4242)"], $"stop {Hostile}", ["CIS 2.2"]);

    private static readonly RunReport Report = new RunReport(
        "run1",
        DateTimeOffset.UnixEpoch,
        12,
        CheckOnly: false,
        "/",
        "redhat",
        [
            new RuleReport(
                "memcached",
                RuleMode.Enforce,
                RuleStatus.Failed,
                [new ChangeReport("file", "/etc/sysconfig/memcached", $"edit for {Hostile}", UnifiedDiff.Create("/etc/sysconfig/memcached", "OPTIONS=\"\"\n", $"OPTIONS=\"{Hostile}\"\n"))],
                [$"restart {Hostile}"],
                [$"note about {Hostile}"],
                [$"socket held by {Hostile}"],
                $"UDP 11211 held by {Hostile}"),
        ],
        [new UnitActionReport("restart", "memcached.service", "failed", $"job failed: {Hostile}", "changes")])
    {
        Audit = new AuditReport([Finding], [$"sockets: {Hostile}"]),
    };

    [Fact]
    public void HumanReport_WithDiffs_HasNoRawControlAndShowsTheEscapes()
    {
        var text = HumanReportWriter.Render(Report, withDiffs: true);

        AssertOnlyNewlinesAsControls(text);
        Assert.Contains($"UDP 11211 held by {ShownAs}", text, StringComparison.Ordinal);
        Assert.Contains($"seen: socket held by {ShownAs}", text, StringComparison.Ordinal);
        Assert.Contains($"note: note about {ShownAs}", text, StringComparison.Ordinal);
        // In a file a newline ends a line, so the diff shows two lines, each marked as added.
        Assert.Contains("+OPTIONS=\"memcached\\x1b[2J\\x1b[H\n+exit 0: compliant, nothing changed\\r\\u202eevil\"\n", text, StringComparison.Ordinal);
        Assert.Contains($"(job failed: {ShownAs})", text, StringComparison.Ordinal);
        Assert.Contains($"{ShownAs} listens on 0.0.0.0:11211", text, StringComparison.Ordinal);
        Assert.Contains($"not checked: sockets: {ShownAs}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nexit 0: compliant", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditPage_HasNoRawControlAndShowsTheEscapes()
    {
        var page = new AuditPage("/", "redhat", DateTimeOffset.UnixEpoch, Report.Rules, [Finding], [Hostile], Severity.High, 1);

        var text = AuditTableWriter.Page(page);

        AssertOnlyNewlinesAsControls(text);
        Assert.Contains($"seen: process {ShownAs} (pid 4242)", text, StringComparison.Ordinal);
        Assert.Contains($"fix:  stop {ShownAs}", text, StringComparison.Ordinal);
        Assert.Contains($"not checked: {ShownAs}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonReport_KeepsTheTextExactlyAndHasNoRawControl()
    {
        var json = JsonReportWriter.Render(Report);
        var parsed = JsonReportWriter.Parse(json)!;

        AssertOnlyNewlinesAsControls(json);
        Assert.Equal($"UDP 11211 held by {Hostile}", parsed.Rules[0].Error);
        Assert.Equal([$"socket held by {Hostile}"], parsed.Rules[0].Evidence);
        Assert.Equal(Report.Rules[0].Changes[0].Diff, parsed.Rules[0].Changes[0].Diff);
        Assert.Equal($"job failed: {Hostile}", parsed.UnitActions[0].Message);
    }

    [Fact]
    public void DiffForTerminal_EscapesContentAndKeepsTheNoNewlineMarker()
    {
        var diff = UnifiedDiff.Create("/etc/x.conf", "a\n", "a\\b\x1b[31m");

        Assert.Equal(
            "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -1 +1 @@\n-a\n+a\\\\b\\x1b[31m\n\\ No newline at end of file\n",
            UnifiedDiff.ForTerminal(diff));
    }

    // Tab and CR are controls too: a person's output holds none but its own line ends, and
    // no bidirectional override either.
    private static void AssertOnlyNewlinesAsControls(string text) =>
        Assert.DoesNotContain(text, c => (char.IsControl(c) && c != '\n') || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069');
}
