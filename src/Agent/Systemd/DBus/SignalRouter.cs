using System.Threading.Channels;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// Hands each received signal to every subscription whose rule matches, without ever
/// blocking the reader loop: a subscriber whose queue is full loses its subscription with
/// <see cref="DBusSignalsLostException"/> instead of holding up replies for everyone.
/// </summary>
internal sealed class SignalRouter(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<Route> _routes = [];
    private Func<string, Exception>? _closed;

    public Route Add(MatchRule rule)
    {
        var route = new Route(rule, Channel.CreateBounded<Message>(new BoundedChannelOptions(capacity) { SingleWriter = true }));
        lock (_gate)
        {
            if (_closed is null)
            {
                _routes.Add(route);
                return route;
            }
        }

        route.Complete(_closed($"subscription to {rule}"));
        return route;
    }

    /// <summary>Stops a route and ends its channel; false when it had already stopped.</summary>
    public bool Remove(Route route)
    {
        if (!Detach(route))
        {
            return false;
        }

        route.Complete(null);
        return true;
    }

    public void Dispatch(Message signal)
    {
        Route[] routes;
        lock (_gate)
        {
            routes = [.. _routes];
        }

        foreach (var route in routes.Where(route => route.Rule.Matches(signal)))
        {
            if (!route.Writer.TryWrite(signal) && Detach(route))
            {
                route.Complete(new DBusSignalsLostException(route.Rule, capacity));
            }
        }
    }

    /// <summary>Ends every route, now and later, with the reason the connection closed.</summary>
    public void CloseAll(Func<string, Exception> error)
    {
        Route[] routes;
        lock (_gate)
        {
            _closed = error;
            routes = [.. _routes];
            _routes.Clear();
        }

        foreach (var route in routes)
        {
            route.Complete(error($"subscription to {route.Rule}"));
        }
    }

    private bool Detach(Route route)
    {
        lock (_gate)
        {
            return _routes.Remove(route);
        }
    }

    internal sealed class Route(MatchRule rule, Channel<Message> channel)
    {
        public MatchRule Rule { get; } = rule;

        public ChannelReader<Message> Reader => channel.Reader;

        public ChannelWriter<Message> Writer => channel.Writer;

        public void Complete(Exception? error) => channel.Writer.TryComplete(error);
    }
}
