namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// One D-Bus message: the header fields and the body. A received message decodes its body
/// only when <see cref="Body"/> is first read, so the reader loop can route a flood of
/// signals by member and interface without unpacking them, and a body this client cannot
/// represent fails only the code that asks for it.
/// </summary>
public sealed class Message
{
    private readonly Lazy<IReadOnlyList<DBusValue>> _body;

    /// <summary>A message with the given body; its signature follows from the values.</summary>
    public Message(MessageType type, uint serial, IReadOnlyList<DBusValue> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Type = type;
        Serial = serial;
        Signature = string.Concat(body.Select(value => value.Signature));
        _body = new Lazy<IReadOnlyList<DBusValue>>(body);
    }

    internal Message(MessageType type, uint serial, string signature, Func<IReadOnlyList<DBusValue>> decodeBody)
    {
        Type = type;
        Serial = serial;
        Signature = signature;
        _body = new Lazy<IReadOnlyList<DBusValue>>(decodeBody, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Method call, return, error or signal (or an unknown type, which is ignored).</summary>
    public MessageType Type { get; }

    /// <summary>The sender's cookie for this message; replies name it in <see cref="ReplySerial"/>.</summary>
    public uint Serial { get; }

    /// <summary>The body's signature; empty for no body.</summary>
    public string Signature { get; }

    /// <summary>Header flags; NoReplyExpected matters only on a method call.</summary>
    public MessageFlags Flags { get; init; }

    /// <summary>The object path a call is made on or a signal comes from.</summary>
    public string? Path { get; init; }

    /// <summary>The interface of the method or signal.</summary>
    public string? Interface { get; init; }

    /// <summary>The method or signal name.</summary>
    public string? Member { get; init; }

    /// <summary>An error's name, e.g. <c>org.freedesktop.systemd1.NoSuchUnit</c>.</summary>
    public string? ErrorName { get; init; }

    /// <summary>On a return or error: the serial of the call it answers.</summary>
    public uint? ReplySerial { get; init; }

    /// <summary>The bus name the message is for; null for a broadcast signal or on a peer-to-peer connection.</summary>
    public string? Destination { get; init; }

    /// <summary>
    /// Set by the bus to the sender's unique name (<c>:1.0</c>), never the well-known name it
    /// owns; on systemd's private socket it is literally <c>org.freedesktop.systemd1</c>.
    /// </summary>
    public string? Sender { get; init; }

    /// <summary>The body's values. Throws <see cref="DBusProtocolException"/> if a received body is malformed.</summary>
    public IReadOnlyList<DBusValue> Body => _body.Value;

    /// <summary>
    /// The body, after checking it has <paramref name="expectedSignature"/>: a reply of another
    /// shape is a clear <see cref="DBusProtocolException"/>, not an invalid cast further on.
    /// </summary>
    public IReadOnlyList<DBusValue> ReadBody(string expectedSignature) => Signature == expectedSignature
        ? Body
        : throw new DBusProtocolException($"{this} has body signature '{Signature}', expected '{expectedSignature}'");

    /// <summary>A short description for logs and exception messages.</summary>
    public override string ToString() => Type switch
    {
        MessageType.MethodCall => $"call {Interface}.{Member} on {Path} (serial {Serial})",
        MessageType.MethodReturn => $"reply to serial {ReplySerial}",
        MessageType.Error => $"error {ErrorName} in reply to serial {ReplySerial}",
        MessageType.Signal => $"signal {Interface}.{Member} from {Path}",
        _ => $"message of unknown type {(byte)Type} (serial {Serial})",
    };
}
