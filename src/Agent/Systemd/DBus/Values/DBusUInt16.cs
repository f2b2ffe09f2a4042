using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus UINT16 (signature <c>q</c>).</summary>
public sealed record DBusUInt16(ushort Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "q";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uint16 {Value}");
}
