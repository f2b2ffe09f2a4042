namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>Signal subscriptions: a local route first, then the bus's match rule.</summary>
public sealed partial class DBusConnection
{
    /// <inheritdoc/>
    public async Task<SignalSubscription> SubscribeAsync(MatchRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Problem() is { } problem)
        {
            throw new ArgumentException($"invalid match rule {rule}: {problem}", nameof(rule));
        }

        // A peer-to-peer connection sends no AddMatch that could fail, so check here.
        ThrowIfClosed($"subscription to {rule}");

        // The route exists before AddMatch is sent, so a signal the bus delivers the moment
        // it applies the rule, before its reply, is already kept.
        var route = _signals.Add(rule);
        var subscribed = false;
        try
        {
            if (_options.IsMessageBus)
            {
                await CallAsync(BusCall("AddMatch", new DBusString(rule.ToString())), cancellationToken).ConfigureAwait(false);
            }

            subscribed = true;
            return new SignalSubscription(rule, route.Reader, () => UnsubscribeAsync(route));
        }
        finally
        {
            if (!subscribed)
            {
                _signals.Remove(route);
            }
        }
    }

    private async ValueTask UnsubscribeAsync(SignalRouter.Route route)
    {
        // A route that overflowed is already gone locally, but the bus still holds its rule.
        _signals.Remove(route);
        if (!_options.IsMessageBus || IsClosed)
        {
            return;
        }

        try
        {
            await CallAsync(BusCall("RemoveMatch", new DBusString(route.Rule.ToString())), CancellationToken.None).ConfigureAwait(false);
        }
        catch (DBusConnectionException)
        {
            // The connection ended meanwhile, and the bus drops a connection's rules with it.
        }
    }
}
