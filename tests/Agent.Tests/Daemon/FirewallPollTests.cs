using System.Threading.Channels;
using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>
/// The legacy backend's poll on a clock the test moves. Each poll reads the drift the test
/// scripted for it; a trigger that must not come is shown absent once the next poll has
/// started, which is after the previous one decided.
/// </summary>
public sealed class FirewallPollTests : IAsyncDisposable
{
    private const string Gone = "the kernel's IPv4 filter table has no jump from INPUT to CLOUDSHARK-HARDENING";
    private readonly ManualTimeProvider _time = new();
    private readonly TriggerInbox _inbox = new(TimeProvider.System);
    private readonly Channel<DateTimeOffset> _polls = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly Queue<Func<IReadOnlyList<string>>> _script = new();
    private readonly FirewallPoll _poll;

    public FirewallPollTests() => _poll = new FirewallPoll(DriftAsync, _inbox, _time);

    public async ValueTask DisposeAsync() => await _poll.DisposeAsync();

    [Fact]
    public async Task Polls_ComeEveryTenSeconds()
    {
        Script([], [], []);

        var times = new[] { await NextPollAsync(), await NextPollAsync(), await NextPollAsync() };

        Assert.Equal([FirewallPoll.Interval, FirewallPoll.Interval], times.Zip(times.Skip(1), (a, b) => b - a));
        Assert.Equal(TimeSpan.FromSeconds(10), FirewallPoll.Interval);
    }

    [Fact]
    public async Task SameDriftPollAfterPoll_IsPostedOnce()
    {
        Script([Gone], [Gone], [Gone], []);

        await NextPollAsync();
        Assert.Equal("firewall poll", (await _inbox.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None))?.ToString());
        await NextPollAsync();
        await NextPollAsync();
        await NextPollAsync();

        Assert.Null(await _inbox.NextAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task DriftAgainAfterTheKernelHeld_IsPostedAgain()
    {
        Script([Gone], [], [Gone]);

        await NextPollAsync();
        await NextPollAsync();
        await NextPollAsync();

        Assert.NotNull(await _inbox.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.NotNull(await _inbox.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task ToolsFailing_PostNothingAndThePollGoesOn()
    {
        _script.Enqueue(() => throw new HardeningException("/usr/sbin/iptables-save -t filter failed (exit 1): Permission denied"));
        Script([]);

        await NextPollAsync();
        await NextPollAsync();
        await NextPollAsync();

        Assert.Null(await _inbox.NextAsync(TimeSpan.Zero, CancellationToken.None));
    }

    private void Script(params IReadOnlyList<string>[] drifts)
    {
        foreach (var drift in drifts)
        {
            _script.Enqueue(() => drift);
        }
    }

    private ValueTask<IReadOnlyList<string>> DriftAsync(CancellationToken cancellationToken)
    {
        _polls.Writer.TryWrite(_time.GetUtcNow());
        return ValueTask.FromResult(_script.TryDequeue(out var next) ? next() : []);
    }

    /// <summary>Moves the clock to the poll's timer, once its thread has armed it, until the poll reads the kernel.</summary>
    private async Task<DateTimeOffset> NextPollAsync()
    {
        var next = _polls.Reader.ReadAsync().AsTask();
        for (var i = 0; i < 20_000 && !next.IsCompleted; i++)
        {
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(1)));
            if (!next.IsCompleted && _time.NextDue() is { } due)
            {
                _time.Advance(due - _time.GetUtcNow());
            }
        }

        return next.IsCompleted ? await next : throw new TimeoutException("no poll came");
    }
}
