namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// Answers a method call made to this connection: returns the reply's body, or throws
/// <see cref="DBusErrorException"/> to reply with that error. Runs off the reader loop, so
/// it may itself make calls on the same connection.
/// </summary>
public delegate Task<IReadOnlyList<DBusValue>> MethodCallHandler(Message call, CancellationToken cancellationToken);
