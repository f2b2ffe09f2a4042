namespace CloudSharkHardening.Remediators.Rules.Uploads;

/// <summary>Settings of the <c>uploads</c> rule.</summary>
/// <param name="UploadsPath">Where CloudShark stores uploaded captures; must become a link to <paramref name="StorageDirectory"/>.</param>
/// <param name="StorageDirectory">The real directory (usually its own mount) that holds the captures.</param>
/// <param name="User">Owner of the storage directory, from the appliance's own /etc/passwd.</param>
/// <param name="Group">Group of the storage directory, from the appliance's own /etc/group.</param>
public sealed record UploadsOptions(string UploadsPath, string StorageDirectory, string User, string Group)
{
    /// <summary>The stock CloudShark appliance.</summary>
    public static UploadsOptions Default { get; } =
        new("/var/www/cloudshark/shared/uploads", "/cap", "cloudshark", "cloudshark");
}
