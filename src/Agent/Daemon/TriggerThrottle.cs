namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Turns a stream of change notices into triggers: the first at once, since drift should be
/// repaired in about a second, then at most one per <c>window</c>, posted when the window
/// ends if anything came during it. An iptables-restore batch (several notices) is one
/// trigger, a tool rewriting rules without pause one per window. The agent's own repair is
/// noticed too and costs one more pass; that pass finds the rules in place and changes
/// nothing, so nothing more is noticed and it cannot loop.
/// </summary>
public sealed class TriggerThrottle : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly TriggerInbox _triggers;
    private readonly ITimer _flush;
    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private Trigger? _pending;

    public TriggerThrottle(TimeProvider time, TimeSpan window, TriggerInbox triggers)
    {
        _time = time;
        _window = window;
        _triggers = triggers;
        _flush = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Posts <paramref name="trigger"/> now, or at the end of the current window (the latest one then stands for all).</summary>
    public void Notify(Trigger trigger)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_pending is null && now >= _windowEnds)
            {
                Post(trigger, now);
                return;
            }

            _pending = trigger;
            var wait = _windowEnds - now;
            _flush.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _flush.Dispose();

    private void Flush()
    {
        lock (_gate)
        {
            if (_pending is { } trigger)
            {
                _pending = null;
                Post(trigger, _time.GetUtcNow());
            }
        }
    }

    private void Post(Trigger trigger, DateTimeOffset now)
    {
        _windowEnds = now + _window;
        _triggers.Post(trigger);
    }
}
