using System.Threading.Channels;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// Signals that match one rule, queued in arrival order from the moment the subscription
/// exists: subscribe, then make the call whose signal you await, and none is lost. The
/// channel ends with an exception when the connection closes or the queue overflows.
/// Disposing removes the rule from the bus.
/// </summary>
public sealed class SignalSubscription(MatchRule rule, ChannelReader<Message> signals, Func<ValueTask> unsubscribe) : IAsyncDisposable
{
    private int _disposed;

    /// <summary>The rule the signals match.</summary>
    public MatchRule Rule { get; } = rule;

    /// <summary>
    /// The matching signals, oldest first. Once they end, <c>WaitToReadAsync</c> and
    /// <c>ReadAllAsync</c> throw the reason as is; <c>ReadAsync</c> wraps it in a ChannelClosedException.
    /// </summary>
    public ChannelReader<Message> Signals { get; } = signals;

    /// <summary>Stops the subscription; safe to call more than once.</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? unsubscribe() : ValueTask.CompletedTask;
}
