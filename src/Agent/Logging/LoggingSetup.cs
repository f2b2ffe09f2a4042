using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Display;

namespace CloudSharkHardening.Agent.Logging;

/// <summary>
/// Serilog is the backend only; code logs through <see cref="ILogger{T}"/>. Under systemd the
/// events go to the journal's native socket with structured fields (or, without the socket, to
/// stderr with priority prefixes); interactively to stderr. Stdout carries only the report.
/// Lines written to stderr are escaped for the terminal; the native journal protocol is binary
/// safe (a value holding a newline is sent length-prefixed) and keeps the text as it is.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>systemd sets JOURNAL_STREAM when a service's stderr is connected to the journal.</summary>
    public static bool StderrIsJournal() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    public static ILoggerFactory Create(bool verbose)
    {
        var underSystemd = StderrIsJournal();
        // Interactively the report already says what happened; warnings and errors suffice.
        var minimum = verbose ? LogEventLevel.Debug : underSystemd ? LogEventLevel.Information : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration().MinimumLevel.Is(minimum).Enrich.FromLogContext();
        configuration = underSystemd && File.Exists(JournalSink.DefaultSocket)
            ? configuration.WriteTo.Sink(new JournalSink())
            : underSystemd
            ? configuration.WriteTo.Console(new JournalPriorityFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Console(
                new EscapedLineFormatter(new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}")),
                standardErrorFromLevel: LogEventLevel.Verbose);
        return new SerilogLoggerFactory(configuration.CreateLogger(), dispose: true);
    }
}
