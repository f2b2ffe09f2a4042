using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus OBJECT_PATH (signature <c>o</c>), e.g. <c>/org/freedesktop/systemd1/job/42</c>.</summary>
public sealed record DBusObjectPath(string Value) : DBusValue
{
    /// <summary>The path; one the specification does not allow is refused with <see cref="ArgumentException"/>.</summary>
    public string Value { get; } = DBusNames.ObjectPathProblem(Value) is { } problem ? throw new ArgumentException(problem, nameof(Value)) : Value;

    /// <inheritdoc/>
    public override string Signature => "o";

    /// <inheritdoc/>
    public override string ToString() => $"objectpath '{Value}'";
}
