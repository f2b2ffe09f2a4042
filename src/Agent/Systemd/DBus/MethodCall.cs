namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// A method call to make, e.g.
/// <c>new MethodCall("org.freedesktop.systemd1", "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "RestartUnit") { Arguments = [new DBusString(unit), new DBusString("replace")] }</c>.
/// <see cref="Destination"/> is needed on a bus and ignored by a peer-to-peer server.
/// </summary>
public sealed record MethodCall(string? Destination, string Path, string Interface, string Member)
{
    /// <summary>The arguments; the call's signature follows from them.</summary>
    public IReadOnlyList<DBusValue> Arguments { get; init; } = [];

    /// <summary>How long to wait for the reply; null uses the connection's <see cref="DBusConnectionOptions.CallTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Names the call for logs and exception messages.</summary>
    public override string ToString() =>
        Destination is null ? $"{Interface}.{Member} on {Path}" : $"{Interface}.{Member} on {Path} at {Destination}";

    internal Message ToMessage(uint serial) => new(MessageType.MethodCall, serial, Arguments)
    {
        Destination = Destination,
        Path = Path,
        Interface = Interface,
        Member = Member,
    };
}
