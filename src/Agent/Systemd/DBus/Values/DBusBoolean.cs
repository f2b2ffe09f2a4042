namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus BOOLEAN (signature <c>b</c>); on the wire a 32-bit 0 or 1.</summary>
public sealed record DBusBoolean(bool Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "b";

    /// <inheritdoc/>
    public override string ToString() => Value ? "true" : "false";
}
