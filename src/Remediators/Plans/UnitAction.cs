namespace CloudSharkHardening.Remediators.Plans;

/// <summary>Declared in the order a pass carries them out: reload, then stops, then restarts.</summary>
public enum UnitActionKind
{
    /// <summary>systemd must re-read unit files (a unit or drop-in changed).</summary>
    DaemonReload,

    /// <summary>The unit must stop (e.g. a socket unit that was masked); runs before restarts.</summary>
    Stop,

    /// <summary>The unit must be restarted to pick up a changed file.</summary>
    Restart,
}

/// <summary>
/// A unit action a plan needs once its changes are applied. The engine coalesces them:
/// one daemon-reload per pass, one restart per unit.
/// </summary>
public sealed record UnitAction(UnitActionKind Kind, string Unit)
{
    public static UnitAction DaemonReload { get; } = new(UnitActionKind.DaemonReload, "");

    public static UnitAction Restart(string unit) => new(UnitActionKind.Restart, unit);

    public static UnitAction Stop(string unit) => new(UnitActionKind.Stop, unit);

    public override string ToString() => Kind switch
    {
        UnitActionKind.DaemonReload => "daemon-reload",
        UnitActionKind.Stop => $"stop {Unit}",
        _ => $"restart {Unit}",
    };
}
