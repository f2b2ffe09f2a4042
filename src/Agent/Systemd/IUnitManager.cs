namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// What the engine asks of systemd. The live implementation talks D-Bus; an offline root
/// only records what will happen at next boot; tests record calls.
/// </summary>
public interface IUnitManager
{
    /// <summary>Makes systemd re-read unit files and drop-ins.</summary>
    Task<UnitActionOutcome> DaemonReloadAsync(CancellationToken cancellationToken);

    /// <summary>Stops a unit and waits for the job's result.</summary>
    Task<UnitActionOutcome> StopAsync(string unit, CancellationToken cancellationToken);

    /// <summary>Restarts a unit and waits for the job's result.</summary>
    Task<UnitActionOutcome> RestartAsync(string unit, CancellationToken cancellationToken);
}
