using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// The peer answered a call with an ERROR message, e.g.
/// <c>org.freedesktop.systemd1.NoSuchUnit</c> or <c>org.freedesktop.DBus.Error.AccessDenied</c>.
/// A method handler throws it to send such an error back.
/// </summary>
public sealed class DBusErrorException : HardeningException
{
    /// <summary>An error reply; <paramref name="context"/> names the call it answers, for the log.</summary>
    public DBusErrorException(string errorName, string errorMessage, string? context = null)
        : base(context is null ? $"{errorName}: {errorMessage}" : $"{context}: {errorName}: {errorMessage}", IsTransientName(errorName))
    {
        ErrorName = errorName;
        ErrorMessage = errorMessage;
    }

    /// <summary>The D-Bus error name, e.g. <c>org.freedesktop.DBus.Error.AccessDenied</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The error's first string argument, or empty when it had none.</summary>
    public string ErrorMessage { get; }

    // Only errors that say "not now" are worth a retry; access denied or no such unit stay so.
    private static bool IsTransientName(string errorName) => errorName is
        DBusErrorNames.NoReply or DBusErrorNames.Timeout or DBusErrorNames.TimedOut or DBusErrorNames.Disconnected;
}
