namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// What the agent needs from D-Bus: method calls and signal subscriptions. Shaped after
/// Tmds.DBus's connection so that library could replace <see cref="DBusConnection"/> later.
/// </summary>
public interface IDBusConnection : IAsyncDisposable
{
    /// <summary>The unique name the bus assigned (<c>:1.42</c>); null on a peer-to-peer connection.</summary>
    string? UniqueName { get; }

    /// <summary>
    /// Calls a method and returns its METHOD_RETURN. An ERROR reply throws
    /// <see cref="DBusErrorException"/>; no reply in time throws <see cref="DBusCallTimeoutException"/>;
    /// a connection that ends first throws <see cref="DBusConnectionException"/>.
    /// </summary>
    Task<Message> CallAsync(MethodCall methodCall, CancellationToken cancellationToken);

    /// <summary>
    /// Starts receiving the signals <paramref name="rule"/> selects (AddMatch on a bus).
    /// Returns once the bus has the rule, so a call made afterwards cannot outrun its signal.
    /// </summary>
    Task<SignalSubscription> SubscribeAsync(MatchRule rule, CancellationToken cancellationToken);
}
