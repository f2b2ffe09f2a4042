namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// A signal to emit. Broadcast when <see cref="Destination"/> is null; the bus then delivers
/// it to connections whose match rules select it.
/// </summary>
public sealed record Signal(string Path, string Interface, string Member)
{
    /// <summary>The arguments; the signal's signature follows from them.</summary>
    public IReadOnlyList<DBusValue> Arguments { get; init; } = [];

    /// <summary>A unique or well-known name for a unicast signal, or null to broadcast.</summary>
    public string? Destination { get; init; }

    internal Message ToMessage(uint serial) => new(MessageType.Signal, serial, Arguments)
    {
        Destination = Destination,
        Path = Path,
        Interface = Interface,
        Member = Member,
    };
}
