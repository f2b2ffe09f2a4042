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

    public bool IsActive => ActiveState is "active" or "reloading";

    public override string ToString() => $"{Unit}: {LoadState}, {ActiveState} ({SubState})";
}
