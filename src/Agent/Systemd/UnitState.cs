namespace CloudSharkHardening.Agent.Systemd;

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
    public bool IsActive => ActiveState is "active" or "reloading";

    public override string ToString() => $"{Unit}: {LoadState}, {ActiveState} ({SubState})";
}
