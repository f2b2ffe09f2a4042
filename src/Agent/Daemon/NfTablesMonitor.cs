using CloudSharkHardening.Remediators.Host;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Reads the kernel's nf_tables notifications on a thread of its own, blocked in poll(2)
/// while nothing changes. A change to an iptables filter table, or notifications the kernel
/// had to drop, becomes a firewall trigger through the throttle. Costs nothing while the
/// rules stay as they are.
/// </summary>
public sealed partial class NfTablesMonitor : IDisposable
{
    /// <summary>After a trigger, further changes within this long make one more, at its end.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly NfTablesSocket _socket;
    private readonly TriggerThrottle _throttle;
    private readonly ILogger _logger;
    private readonly Thread _reader;

    /// <summary>Starts reading <paramref name="socket"/>, which the monitor owns from now on.</summary>
    public NfTablesMonitor(NfTablesSocket socket, TriggerThrottle throttle, ILogger logger)
    {
        _socket = socket;
        _throttle = throttle;
        _logger = logger;
        _reader = new Thread(Read) { IsBackground = true, Name = "nf_tables" };
        _reader.Start();
    }

    public void Dispose()
    {
        _socket.Stop();
        _reader.Join();
        _socket.Dispose();
        _throttle.Dispose();
    }

    private void Read()
    {
        try
        {
            while (_socket.Wait() is { } reading)
            {
                _throttle.Notify(new Trigger(TriggerKind.Firewall, reading.Lost
                    ? "nf_tables (notifications lost: the kernel's queue overflowed)"
                    : $"nf_tables ({reading.FilterChanges} change(s) to an iptables filter table)"));
            }
        }
        catch (IOException e)
        {
            Stopped(_logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "nf_tables notifications stopped ({Reason}); a change to the kernel's rules is found at the next pass")]
    private static partial void Stopped(ILogger logger, string reason);
}
