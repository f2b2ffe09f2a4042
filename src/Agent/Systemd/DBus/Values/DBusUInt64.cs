using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus UINT64 (signature <c>t</c>).</summary>
public sealed record DBusUInt64(ulong Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "t";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uint64 {Value}");
}
