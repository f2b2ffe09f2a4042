using CloudSharkHardening.Agent.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace CloudSharkHardening.Agent.Tests.Logging;

public sealed class EscapedLineFormatterTests
{
    private static readonly LogEvent Hostile = new(
        DateTimeOffset.UnixEpoch,
        LogEventLevel.Error,
        new IOException("cannot open /cap/\x1b]0;owned\a"),
        new MessageTemplateParser().Parse("{Rule}: failed: {Error}"),
        [new LogEventProperty("Rule", new ScalarValue("uploads")), new LogEventProperty("Error", new ScalarValue("/var/www/x\x1b[2J\n<0>[00:00:00 INF] all compliant"))]);

    [Fact]
    public void Format_SystemTextInTheMessageAndException_StaysOnOneEscapedLine()
    {
        var output = new StringWriter();

        new EscapedLineFormatter(new MessageTemplateTextFormatter("[{Level:u3}] {Message:lj}")).Format(Hostile, output);

        Assert.Equal(
            @"[ERR] uploads: failed: /var/www/x\x1b[2J\n<0>[00:00:00 INF] all compliant System.IO.IOException: cannot open /cap/\x1b]0;owned\x07" + "\n",
            output.ToString());
    }

    [Fact]
    public void JournalPriorityFormatter_ANewlineCannotStartAnEntryWithItsOwnPriority()
    {
        var output = new StringWriter();

        new JournalPriorityFormatter().Format(Hostile, output);

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(@"<3>uploads: failed: /var/www/x\x1b[2J\n<0>", line, StringComparison.Ordinal);
    }
}
