using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace CloudSharkHardening.Agent.Logging;

/// <summary>
/// Under systemd, stderr goes to the journal, which reads a leading <c>&lt;N&gt;</c> as the
/// syslog priority (sd-daemon(3)); so <c>journalctl -p warning</c> finds our warnings. Each
/// event is one escaped line: the journal makes every line an entry of its own.
/// </summary>
internal sealed class JournalPriorityFormatter : ITextFormatter
{
    private readonly EscapedLineFormatter _inner = new(new MessageTemplateTextFormatter("{Message:lj}"));

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(logEvent.Level switch
        {
            LogEventLevel.Fatal => "<2>",
            LogEventLevel.Error => "<3>",
            LogEventLevel.Warning => "<4>",
            LogEventLevel.Information => "<6>",
            _ => "<7>",
        });
        _inner.Format(logEvent, output);
    }
}
