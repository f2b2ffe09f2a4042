using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// The connection could not be made, authentication was refused, or the connection ended
/// (the peer closed it, or it was disposed) while something waited on it. A lost connection
/// is transient: a new connection may well succeed.
/// </summary>
public sealed class DBusConnectionException(string message, bool isTransient, Exception? innerException = null)
    : HardeningException(message, isTransient, innerException);
