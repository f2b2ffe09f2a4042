namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// A D-Bus VARIANT (signature <c>v</c>): a value that carries its own signature, as property
/// values do (<c>Properties.Get</c> returns one; <c>GetAll</c> an <c>a{sv}</c> of them).
/// </summary>
public sealed record DBusVariant(DBusValue Value) : DBusValue
{
    /// <summary>The value inside.</summary>
    public DBusValue Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    /// <inheritdoc/>
    public override string Signature => "v";

    /// <inheritdoc/>
    public override string ToString() => $"<{Value}>";
}
