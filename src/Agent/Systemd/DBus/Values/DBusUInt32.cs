using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus UINT32 (signature <c>u</c>).</summary>
public sealed record DBusUInt32(uint Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "u";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uint32 {Value}");
}
