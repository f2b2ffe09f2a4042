using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus STRING (signature <c>s</c>): UTF-8 without NUL.</summary>
public sealed record DBusString(string Value) : DBusValue
{
    /// <summary>The text; a NUL or a lone surrogate is refused with <see cref="ArgumentException"/>.</summary>
    public string Value { get; } = WireText.Problem(Value) is { } problem ? throw new ArgumentException(problem, nameof(Value)) : Value;

    /// <inheritdoc/>
    public override string Signature => "s";

    /// <inheritdoc/>
    public override string ToString() => $"'{Value}'";
}
