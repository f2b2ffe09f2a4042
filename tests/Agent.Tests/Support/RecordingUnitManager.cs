using CloudSharkHardening.Agent.Systemd;

namespace CloudSharkHardening.Agent.Tests.Support;

/// <summary>Records what the engine asked of systemd; answers Done unless told otherwise.</summary>
internal sealed class RecordingUnitManager : IUnitManager
{
    public List<string> Calls { get; } = [];

    public UnitActionResult Answer { get; set; } = UnitActionResult.Done;

    public Func<string, Task>? OnRestart { get; set; }

    /// <summary>Units whose next restarts fail (one entry per failing restart), as a unit that will not start.</summary>
    public List<string> FailingRestarts { get; } = [];

    /// <summary>Units systemd refuses to act on (as AccessDenied or a masked unit would).</summary>
    public List<string> RefusedRestarts { get; } = [];

    public Task<UnitActionOutcome> DaemonReloadAsync(CancellationToken cancellationToken)
    {
        Calls.Add("daemon-reload");
        return Task.FromResult(new UnitActionOutcome(Answer, "reloaded"));
    }

    public Task<UnitActionOutcome> StopAsync(string unit, CancellationToken cancellationToken)
    {
        Calls.Add($"stop {unit}");
        return Task.FromResult(new UnitActionOutcome(Answer, $"{unit} stopped"));
    }

    public async Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken)
    {
        Calls.Add($"restart {unit}");
        if (OnRestart is not null)
        {
            await OnRestart(unit);
        }

        if (RefusedRestarts.Contains(unit))
        {
            throw new CloudSharkHardening.Remediators.Errors.HardeningException($"org.freedesktop.DBus.Error.AccessDenied: restarting {unit} is not allowed");
        }

        if (FailingRestarts.Remove(unit))
        {
            return new UnitActionOutcome(UnitActionResult.Failed, $"{unit}: job failed, ActiveState=failed");
        }

        return new UnitActionOutcome(Answer, $"{unit} restarted");
    }
}
