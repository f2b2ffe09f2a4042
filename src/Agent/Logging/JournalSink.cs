using System.Globalization;
using System.Net.Sockets;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace CloudSharkHardening.Agent.Logging;

/// <summary>
/// Writes log events straight to journald's native socket, so every structured property
/// (<c>RULE=</c>, <c>RUN_ID=</c>, <c>PATH=</c>) is a journal field <c>journalctl -o json</c>
/// shows and <c>journalctl RULE=mariadb</c> filters on. Logging never throws into the loop:
/// a datagram the journal refuses is dropped after one shortened retry.
/// </summary>
internal sealed class JournalSink : ILogEventSink, IDisposable
{
    public const string DefaultSocket = "/run/systemd/journal/socket";
    private const string Identifier = "cloudshark-hardening";
    private const int LargestMessage = 32 * 1024;

    // Non-blocking: a journal that cannot keep up loses an entry rather than stalling a pass.
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly object _gate = new();
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}"); // strings unquoted, as on the console

    public JournalSink(string socketPath = DefaultSocket) => _endPoint = new UnixDomainSocketEndPoint(socketPath);

    public void Emit(LogEvent logEvent)
    {
        var rendered = new StringWriter(CultureInfo.InvariantCulture);
        _message.Format(logEvent, rendered);
        var message = rendered.ToString();
        if (logEvent.Exception is not null)
        {
            message += "\n" + logEvent.Exception;
        }

        if (!TrySend(Entry(logEvent, message)) && message.Length > LargestMessage)
        {
            // Too large for one datagram (EMSGSIZE); a shortened entry beats none.
            TrySend(Entry(logEvent, message[..LargestMessage] + "\n[truncated]"));
        }
    }

    public void Dispose() => _socket.Dispose();

    private static byte[] Entry(LogEvent logEvent, string message)
    {
        var entry = new JournalEntry()
            .Add("MESSAGE", message)
            .Add("PRIORITY", Priority(logEvent.Level))
            .Add("SYSLOG_IDENTIFIER", Identifier);
        foreach (var (name, value) in logEvent.Properties)
        {
            var text = value is ScalarValue { Value: string s } ? s : value.ToString();
            entry.Add(JournalEntry.FieldName(name), text);
        }

        return entry.ToArray();
    }

    private bool TrySend(byte[] datagram)
    {
        try
        {
            lock (_gate)
            {
                _socket.SendTo(datagram, SocketFlags.None, _endPoint);
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => "2",
        LogEventLevel.Error => "3",
        LogEventLevel.Warning => "4",
        LogEventLevel.Information => "6",
        _ => "7",
    };
}
