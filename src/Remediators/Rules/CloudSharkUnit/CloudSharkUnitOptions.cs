namespace CloudSharkHardening.Remediators.Rules.CloudSharkUnit;

/// <summary>Settings of the <c>cloudshark-unit</c> rule.</summary>
/// <param name="Unit">The unit the drop-in belongs to; named in notes.</param>
/// <param name="DropInPath">The drop-in the agent keeps <c>RequiresMountsFor=</c> in; its other content is the admin's.</param>
/// <param name="StorageDirectory">The captures directory whose mount the unit must wait for.</param>
public sealed record CloudSharkUnitOptions(string Unit, string DropInPath, string StorageDirectory)
{
    /// <summary>The stock CloudShark appliance.</summary>
    public static CloudSharkUnitOptions Default { get; } =
        new("cloudshark.service", "/etc/systemd/system/cloudshark.service.d/override.conf", "/cap");
}
