using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus SIGNATURE value (signature <c>g</c>): zero or more complete types.</summary>
public sealed record DBusSignature(string Value) : DBusValue
{
    /// <summary>The signature text; an invalid one is refused with <see cref="ArgumentException"/>.</summary>
    public string Value { get; } = SignatureParser.TryParse(Value, out _, out var problem) ? Value : throw new ArgumentException(problem, nameof(Value));

    /// <inheritdoc/>
    public override string Signature => "g";

    /// <inheritdoc/>
    public override string ToString() => $"signature '{Value}'";
}
