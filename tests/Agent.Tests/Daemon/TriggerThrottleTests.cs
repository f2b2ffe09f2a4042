using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>The nf_tables monitor's debounce on a clock the test moves: the timer fires from Advance.</summary>
public sealed class TriggerThrottleTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _time = new();
    private readonly TriggerInbox _inbox = new(TimeProvider.System);
    private readonly TriggerThrottle _throttle;

    public TriggerThrottleTests() => _throttle = new TriggerThrottle(_time, Window, _inbox);

    public void Dispose() => _throttle.Dispose();

    [Fact]
    public async Task FirstNotice_IsPostedAtOnce()
    {
        _throttle.Notify(Notice("jump deleted"));

        Assert.Equal(["jump deleted"], await PostedAsync());
    }

    [Fact]
    public async Task BurstWithinTheWindow_IsOneMoreTriggerWhenTheWindowEnds()
    {
        _throttle.Notify(Notice("1"));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _throttle.Notify(Notice("2"));
        _throttle.Notify(Notice("3"));
        Assert.Equal(["1"], await PostedAsync());

        _time.Advance(TimeSpan.FromMilliseconds(899));
        Assert.Empty(await PostedAsync());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["3"], await PostedAsync());
    }

    [Fact]
    public async Task NoticeAfterAQuietWindow_IsPostedAtOnce()
    {
        _throttle.Notify(Notice("1"));
        _time.Advance(Window);

        _throttle.Notify(Notice("2"));

        Assert.Equal(["1", "2"], await PostedAsync());
    }

    [Fact]
    public async Task SteadyStreamForTenSeconds_IsOneTriggerPerWindow()
    {
        for (var i = 0; i < 200; i++)
        {
            _throttle.Notify(Notice($"{i}"));
            _time.Advance(TimeSpan.FromMilliseconds(50));
        }

        _time.Advance(Window);

        Assert.InRange((await PostedAsync()).Count, 10, 11);
    }

    [Fact]
    public async Task TamperThenTheAgentsOwnRepair_CostsOneExtraTriggerAndNoMore()
    {
        _throttle.Notify(Notice("tamper"));
        _time.Advance(TimeSpan.FromMilliseconds(400)); // the pass runs and repairs
        _throttle.Notify(Notice("repair: delete rule"));
        _throttle.Notify(Notice("repair: insert rule"));
        _time.Advance(TimeSpan.FromMilliseconds(50));
        _throttle.Notify(Notice("repair: flush and refill the chain"));

        // The extra pass finds the chain in place and loads nothing: no further notice.
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["tamper", "repair: flush and refill the chain"], await PostedAsync());
    }

    private static Trigger Notice(string detail) => new(TriggerKind.Firewall, detail);

    private async Task<List<string>> PostedAsync()
    {
        var posted = new List<string>();
        while (await _inbox.NextAsync(TimeSpan.Zero, CancellationToken.None) is { } trigger)
        {
            posted.Add(trigger.Detail);
        }

        return posted;
    }
}
