using System.Globalization;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus INT64 (signature <c>x</c>).</summary>
public sealed record DBusInt64(long Value) : DBusValue
{
    /// <inheritdoc/>
    public override string Signature => "x";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"int64 {Value}");
}
