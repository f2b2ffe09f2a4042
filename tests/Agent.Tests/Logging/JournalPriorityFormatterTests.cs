using CloudSharkHardening.Agent.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace CloudSharkHardening.Agent.Tests.Logging;

public sealed class JournalPriorityFormatterTests
{
    [Theory]
    [InlineData(LogEventLevel.Error, "<3>")]
    [InlineData(LogEventLevel.Warning, "<4>")]
    [InlineData(LogEventLevel.Information, "<6>")]
    [InlineData(LogEventLevel.Debug, "<7>")]
    public void Format_PrefixesTheSyslogPriorityJournaldReads(LogEventLevel level, string prefix)
    {
        var template = new MessageTemplateParser().Parse("{Rule}: compliant");
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, level, null, template, [new LogEventProperty("Rule", new ScalarValue("mariadb"))]);
        var output = new StringWriter();

        new JournalPriorityFormatter().Format(logEvent, output);

        Assert.Equal($"{prefix}mariadb: compliant{Environment.NewLine}", output.ToString());
    }
}
