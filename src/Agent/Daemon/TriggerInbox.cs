using System.Threading.Channels;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Where watchers and signal handlers leave triggers for the loop. Posting never blocks and
/// never fails, so an inotify or D-Bus callback cannot stall.
/// </summary>
public sealed class TriggerInbox(TimeProvider time)
{
    private readonly Channel<Trigger> _channel = Channel.CreateUnbounded<Trigger>(new UnboundedChannelOptions { SingleReader = true });
    private long _posted;

    /// <summary>The <see cref="Trigger.Sequence"/> of the last trigger posted; 0 before the first.</summary>
    public long Posted => Interlocked.Read(ref _posted);

    public void Post(Trigger trigger) => _channel.Writer.TryWrite(trigger with { Sequence = Interlocked.Increment(ref _posted) });

    /// <summary>The next trigger, or <c>null</c> when <paramref name="timeout"/> passes first.</summary>
    public async Task<Trigger?> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            return await _channel.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
