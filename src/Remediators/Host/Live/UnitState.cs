namespace CloudSharkHardening.Remediators.Host.Live;

/// <summary>What systemd itself says about a unit: the evidence the agent trusts over any file.</summary>
public sealed record UnitState(
    string Unit,
    string LoadState,
    string ActiveState,
    string SubState,
    bool NeedDaemonReload,
    string InvocationId,
    IReadOnlyList<string> RequiresMountsFor,
    IReadOnlyList<string> DropInPaths)
{
    /// <summary>For socket units: what systemd itself listens on, as (type, address) pairs such as ("Stream", "[::]:3306").</summary>
    public IReadOnlyList<SocketListen> Listen { get; init; } = [];

    /// <summary>Whether the unit starts at boot: "enabled", "disabled", "static", "masked", ...; "" when systemd has no unit file for it.</summary>
    public string UnitFileState { get; init; } = "";

    /// <summary>The unit file systemd loaded ("" when none): with <see cref="DropInPaths"/>, exactly the files it read.</summary>
    public string FragmentPath { get; init; } = "";

    /// <summary>The units that start this one on demand (a service's socket units, for one).</summary>
    public IReadOnlyList<string> TriggeredBy { get; init; } = [];

    /// <summary>For services: what systemd loaded to run; <c>null</c> for other kinds of unit.</summary>
    public ServiceRecord? Service { get; init; }

    public bool IsActive => ActiveState is "active" or "reloading";

    /// <summary>Loaded but stopped by a failure (its own exit, a signal, a start limit): never evidence of health.</summary>
    public bool IsFailed => ActiveState == "failed";

    public override string ToString() => $"{Unit}: {LoadState}, {ActiveState} ({SubState})";
}
