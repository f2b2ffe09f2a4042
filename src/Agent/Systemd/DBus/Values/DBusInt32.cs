using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus INT32 (signature <c>i</c>).</summary>
public sealed record DBusInt32(int Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "i";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"int32 {Value}");
}
