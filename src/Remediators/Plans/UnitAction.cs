namespace CloudSharkHardening.Remediators.Plans;

public enum UnitActionKind
{
    /// <summary>systemd must re-read unit files (a unit or drop-in changed).</summary>
    DaemonReload,

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

    public override string ToString() =>
        Kind == UnitActionKind.DaemonReload ? "daemon-reload" : $"restart {Unit}";
}
