using System.Globalization;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Agent.Systemd;

public sealed partial class SystemdUnitManager
{
    /// <summary>
    /// Watches a unit its restart job left active (<paramref name="started"/>) until it proves
    /// it stays up (see <see cref="RestartSettle"/>). One that dies in the meantime, or that
    /// systemd restarts by itself, is a failed restart, told in its own words from the journal.
    /// </summary>
    private async Task<UnitActionOutcome> SettleAsync(SystemdManagerClient client, UnitState started, CancellationToken cancellationToken)
    {
        var since = _time.GetTimestamp();
        var state = started;
        var listened = false;
        while (true)
        {
            var elapsed = _time.GetElapsedTime(since);
            if (Departure(started, state) is { } departure)
            {
                var journal = await LastLogLinesAsync(started.Unit, started.InvocationId, cancellationToken).ConfigureAwait(false);
                return new UnitActionOutcome(UnitActionResult.Failed, $"{started.Unit} started as invocation {started.InvocationId} but did not stay up: {Seconds(elapsed)} later {departure}{journal}");
            }

            // Listening at the last look and the same process still: it bound what it serves.
            if (listened)
            {
                return Up(state, $"its sockets listening {Seconds(elapsed)} after the restart");
            }

            if (elapsed >= _settle.Longest)
            {
                return Up(state, $"up for {Seconds(elapsed)}, no listening socket of its own to show");
            }

            listened = _settle.Listening(started.Unit);
            await Task.Delay(RestartSettle.Poll, _time, cancellationToken).ConfigureAwait(false);
            state = await client.GetStateAsync(started.Unit, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What became of the invocation the restart started, or <c>null</c> while it runs.</summary>
    private static string? Departure(UnitState started, UnitState now)
    {
        var before = started.Service?.Restarts ?? 0;
        var after = now.Service?.Restarts ?? 0;
        if (now.InvocationId != started.InvocationId || after != before)
        {
            // Restart= brought it back: the invocation the restart started has died.
            return string.Create(CultureInfo.InvariantCulture, $"systemd had restarted it by itself ({after - before} automatic restart(s), now invocation {now.InvocationId}, {now.ActiveState} ({now.SubState}))");
        }

        var result = now.Service is { Result: { Length: > 0 } last } && last != "success" ? $", result {last}" : "";
        return now.IsActive ? null : $"it is {now.ActiveState} ({now.SubState}){result}";
    }

    private static UnitActionOutcome Up(UnitState state, string how) =>
        new(UnitActionResult.Done, $"{state.Unit} is {state.ActiveState} ({state.SubState}) as invocation {state.InvocationId}; {how}");

    private static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F2} s");

    /// <summary>
    /// The journal's last lines on the unit: for a known invocation, what its processes wrote
    /// and what systemd said of it (later automatic restarts left out); else all of the unit's.
    /// </summary>
    private async Task<string> LastLogLinesAsync(string unit, string? invocation, CancellationToken cancellationToken)
    {
        string[] matches = invocation is null ? ["--unit", unit] : [$"_SYSTEMD_INVOCATION_ID={invocation}", "+", $"INVOCATION_ID={invocation}"];
        try
        {
            var journal = await _commands.RunAsync("journalctl", ["--lines", "8", "--output", "cat", "--no-pager", "--quiet", .. matches], TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            return journal.Succeeded && journal.Output.Length > 0 ? $"; its last log lines:\n{journal.Output.TrimEnd()}" : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // no journalctl on this system
        }
    }
}
