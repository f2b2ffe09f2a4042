namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// One D-Bus value together with its type. The hierarchy is closed (one sealed record per
/// D-Bus type), so a reply is read with pattern matching:
/// <c>signal.Body is [DBusUInt32(var id), DBusObjectPath(var job), DBusString(var unit), DBusString(var result)]</c>.
/// Values check their own content when built: a string with a NUL or an object path with an
/// empty element cannot exist, so it can never be sent.
/// </summary>
public abstract record DBusValue
{
    // Only this assembly adds kinds of value: the marshaller handles exactly these.
    private protected DBusValue()
    {
    }

    /// <summary>The value's D-Bus signature, e.g. <c>s</c>, <c>a{sv}</c>, <c>(uo)</c>.</summary>
    public abstract string Signature { get; }
}
