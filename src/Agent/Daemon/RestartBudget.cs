namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// At most so many restarts of one unit per window, well below systemd's own start limit
/// (5 starts in 10 s, after which it refuses the unit altogether). Kept for the daemon's
/// whole life, across configuration reloads.
/// </summary>
public sealed class RestartBudget(TimeProvider time, Func<(int Restarts, TimeSpan Window)> limits)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _restarts = new(StringComparer.Ordinal);

    /// <summary>Takes one restart of <paramref name="unit"/> from the budget, or says why not.</summary>
    public bool TryTake(string unit, out string refusal)
    {
        var (allowed, window) = limits();
        var now = time.GetUtcNow();
        var recent = _restarts.TryGetValue(unit, out var found) ? found : _restarts[unit] = new Queue<DateTimeOffset>();
        while (recent.Count > 0 && now - recent.Peek() >= window)
        {
            recent.Dequeue();
        }

        if (recent.Count >= allowed)
        {
            refusal = $"restart budget of {unit} spent ({recent.Count} in the last {window.TotalSeconds:F0} s); deferred until {recent.Peek() + window:u}";
            return false;
        }

        recent.Enqueue(now);
        refusal = "";
        return true;
    }
}
