using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus BYTE (signature <c>y</c>).</summary>
public sealed record DBusByte(byte Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "y";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"byte 0x{Value:x2}");
}
