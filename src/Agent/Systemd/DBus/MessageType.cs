namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>The message type byte. Values outside these are received as-is and ignored, as the specification asks.</summary>
public enum MessageType : byte
{
    MethodCall = 1,
    MethodReturn = 2,
    Error = 3,
    Signal = 4,
}
