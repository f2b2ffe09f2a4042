using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// The legacy iptables backend announces no change, so the kernel's rules are checked every
/// <see cref="Interval"/> (the iptables tools alone, which may run beside a pass) and drift
/// becomes a firewall trigger. Drift already posted is not posted again while it stays the
/// same: a rule that is paused or cannot be repaired would otherwise cost a pass every poll.
/// Once the kernel holds, any drift is new again.
/// </summary>
public sealed class FirewallPoll : IAsyncDisposable
{
    /// <summary>How often the kernel's rules are read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Func<CancellationToken, ValueTask<IReadOnlyList<string>>> _drift;
    private readonly TriggerInbox _triggers;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts polling <paramref name="drift"/>, which says what the kernel lacks (empty when it holds).</summary>
    public FirewallPoll(Func<CancellationToken, ValueTask<IReadOnlyList<string>>> drift, TriggerInbox triggers, TimeProvider time)
    {
        _drift = drift;
        _triggers = triggers;
        _time = time;
        _loop = Task.Run(() => PollAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        _stop.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        string? posted = null;
        while (true)
        {
            await Task.Delay(Interval, _time, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> drift;
            try
            {
                drift = await _drift(cancellationToken).ConfigureAwait(false);
            }
            catch (HardeningException)
            {
                continue; // the tools failed; the next pass runs them too and reports why
            }

            var seen = drift.Count == 0 ? null : string.Join('\n', drift);
            if (seen is not null && seen != posted)
            {
                _triggers.Post(new Trigger(TriggerKind.Firewall, "poll"));
            }

            posted = seen;
        }
    }
}
