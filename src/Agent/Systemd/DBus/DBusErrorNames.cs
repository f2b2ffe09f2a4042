namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>Standard error names from <c>dbus/dbus-protocol.h</c> that this client sends or reacts to.</summary>
public static class DBusErrorNames
{
    /// <summary>A generic failure; sent when a method handler throws something other than a D-Bus error.</summary>
    public const string Failed = "org.freedesktop.DBus.Error.Failed";

    /// <summary>Sent for a call to a connection that serves no methods.</summary>
    public const string UnknownMethod = "org.freedesktop.DBus.Error.UnknownMethod";

    /// <summary>The bus gave up waiting for the peer's reply (transient).</summary>
    public const string NoReply = "org.freedesktop.DBus.Error.NoReply";

    /// <summary>A timeout the peer reports (transient).</summary>
    public const string Timeout = "org.freedesktop.DBus.Error.Timeout";

    /// <summary>A timeout the peer reports, older spelling (transient).</summary>
    public const string TimedOut = "org.freedesktop.DBus.Error.TimedOut";

    /// <summary>The peer's connection went away (transient).</summary>
    public const string Disconnected = "org.freedesktop.DBus.Error.Disconnected";

    /// <summary>Bus policy or polkit said no; insufficient privilege, not worth a retry.</summary>
    public const string AccessDenied = "org.freedesktop.DBus.Error.AccessDenied";

    /// <summary>polkit wants to ask a person; a daemon treats it as access denied.</summary>
    public const string InteractiveAuthorizationRequired = "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired";

    /// <summary>GetNameOwner on a name nobody owns.</summary>
    public const string NameHasNoOwner = "org.freedesktop.DBus.Error.NameHasNoOwner";

    /// <summary>A call to a name nobody owns and the bus cannot start.</summary>
    public const string ServiceUnknown = "org.freedesktop.DBus.Error.ServiceUnknown";
}
