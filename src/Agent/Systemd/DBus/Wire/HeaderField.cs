namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>Header field codes (<c>dbus/dbus-protocol.h</c>). Codes not listed are skipped on receipt.</summary>
internal enum HeaderField : byte
{
    Path = 1,
    Interface = 2,
    Member = 3,
    ErrorName = 4,
    ReplySerial = 5,
    Destination = 6,
    Sender = 7,
    Signature = 8,
    UnixFds = 9,
}
