using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus DOUBLE, an IEEE 754 binary64 (signature <c>d</c>).</summary>
public sealed record DBusDouble(double Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "d";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"double {Value:R}");
}
