using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>No reply came within the call's timeout. The peer may merely be busy, so this is transient.</summary>
public sealed class DBusCallTimeoutException(string call, TimeSpan timeout)
    : HardeningException($"{call}: no reply within {timeout.TotalSeconds:0.###} s", isTransient: true)
{
    /// <summary>How long the call waited.</summary>
    public TimeSpan Timeout { get; } = timeout;
}
