namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>The message type byte. Values outside these are received as-is and ignored, as the specification asks.</summary>
public enum MessageType : byte
{
    /// <summary>A call that expects a METHOD_RETURN or ERROR unless NoReplyExpected is set.</summary>
    MethodCall = 1,

    /// <summary>A successful reply.</summary>
    MethodReturn = 2,

    /// <summary>A failed reply, with an error name.</summary>
    Error = 3,

    /// <summary>A notification nobody replies to.</summary>
    Signal = 4,
}
