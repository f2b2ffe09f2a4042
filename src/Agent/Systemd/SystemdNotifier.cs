using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// sd_notify(3), written from its documented protocol: one datagram of newline-separated
/// assignments to <c>$NOTIFY_SOCKET</c> (a path, or an abstract name written with '@').
/// Notification is best effort: a service must not fail because its manager went away.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;

    private SystemdNotifier(string address)
    {
        // Non-blocking: a manager that stopped reading must not freeze the loop that feeds its watchdog.
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        _endPoint = new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address);
    }

    /// <summary>The notifier systemd asked for, or <c>null</c> when not started as Type=notify.</summary>
    public static SystemdNotifier? FromEnvironment() =>
        Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 1 } address && (address[0] == '/' || address[0] == '@')
            ? new SystemdNotifier(address)
            : null;

    /// <summary>Tests and tools may name the socket themselves.</summary>
    public static SystemdNotifier ForSocket(string address) => new(address);

    public bool Ready(string status) => Send($"READY=1\nSTATUS={OneLine(status)}");

    public bool Status(string status) => Send($"STATUS={OneLine(status)}");

    public bool Watchdog() => Send("WATCHDOG=1");

    public bool Stopping(string status) => Send($"STOPPING=1\nSTATUS={OneLine(status)}");

    /// <summary>The watchdog period systemd set for this very process, if any (sd_watchdog_enabled(3)).</summary>
    public static TimeSpan? WatchdogInterval()
    {
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (pid is not null && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) && microseconds > 0
            ? TimeSpan.FromMicroseconds(microseconds)
            : null;
    }

    public void Dispose() => _socket.Dispose();

    private bool Send(string message)
    {
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // STATUS= is one line; a newline would start a new assignment.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
