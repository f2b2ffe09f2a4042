namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// How to reach D-Bus. Start from <see cref="ForSystemBus"/> or <see cref="ForSystemdPrivateSocket"/>
/// and adjust with <c>with</c>; <see cref="DBusConnection.ConnectAsync"/> checks all of it at
/// once and names every problem.
/// </summary>
public sealed record DBusConnectionOptions(string Address)
{
    /// <summary>Where the system bus listens when <c>DBUS_SYSTEM_BUS_ADDRESS</c> is unset (<c>/var/run</c> is <c>/run</c> on EL and Debian).</summary>
    public const string DefaultSystemBusAddress = "unix:path=/run/dbus/system_bus_socket";

    /// <summary>systemd's own peer-to-peer socket; root only, and only where systemd is PID 1.</summary>
    public const string SystemdPrivateAddress = "unix:path=/run/systemd/private";

    /// <summary>
    /// True for a message bus (Hello first, AddMatch for signals); false for a peer-to-peer
    /// server such as <c>/run/systemd/private</c>, which has neither and sends every signal.
    /// </summary>
    public bool IsMessageBus { get; init; } = true;

    /// <summary>Connecting, authenticating and the first exchange together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The default wait for a reply: 25 s, as libdbus and sd-bus use.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Unread signals one subscription may hold before it ends with <see cref="DBusSignalsLostException"/>.</summary>
    public int SignalQueueCapacity { get; init; } = 4096;

    /// <summary>Drives every timeout, so tests can move time by hand.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Answers method calls made to this connection; null answers each with UnknownMethod.</summary>
    public MethodCallHandler? MethodCallHandler { get; init; }

    /// <summary>The system bus: <paramref name="environmentAddress"/> (the value of <c>DBUS_SYSTEM_BUS_ADDRESS</c>) if set, else the default socket.</summary>
    public static DBusConnectionOptions ForSystemBus(string? environmentAddress) =>
        new(string.IsNullOrWhiteSpace(environmentAddress) ? DefaultSystemBusAddress : environmentAddress);

    /// <summary>systemd's private socket, peer to peer.</summary>
    public static DBusConnectionOptions ForSystemdPrivateSocket() => new(SystemdPrivateAddress) { IsMessageBus = false };

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Address))
        {
            problems.Add("Address is empty");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"ConnectTimeout must be positive, not {ConnectTimeout}");
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            problems.Add($"CallTimeout must be positive, not {CallTimeout}");
        }

        if (SignalQueueCapacity < 1)
        {
            problems.Add($"SignalQueueCapacity must be at least 1, not {SignalQueueCapacity}");
        }

        return problems;
    }
}
