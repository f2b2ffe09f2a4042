using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus INT16 (signature <c>n</c>).</summary>
public sealed record DBusInt16(short Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "n";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"int16 {Value}");
}
