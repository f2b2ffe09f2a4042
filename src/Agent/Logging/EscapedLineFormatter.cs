using System.Globalization;
using CloudSharkHardening.Agent.Reports;
using Serilog.Events;
using Serilog.Formatting;

namespace CloudSharkHardening.Agent.Logging;

/// <summary>
/// One event as one line with its text escaped (<see cref="TerminalText"/>): messages carry
/// paths, file content and process names, and on a terminal these must not move the cursor or
/// start a line that looks like another event; on stderr under systemd a line starting with
/// "&lt;0&gt;" would even be logged as an emergency. An exception follows on the same line.
/// </summary>
internal sealed class EscapedLineFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        var line = new StringWriter(CultureInfo.InvariantCulture);
        inner.Format(logEvent, line);
        if (logEvent.Exception is not null)
        {
            line.Write(' ');
            line.Write(logEvent.Exception);
        }

        output.Write(TerminalText.Escape(line.ToString()));
        output.Write('\n');
    }
}
