using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// The peer sent something the D-Bus specification does not allow (a malformed message, an
/// impossible length, an unexpected authentication line) or a reply of the wrong shape.
/// Trying again talks to the same peer, so this is not transient.
/// </summary>
public sealed class DBusProtocolException(string message, Exception? innerException = null)
    : HardeningException(message, isTransient: false, innerException);
