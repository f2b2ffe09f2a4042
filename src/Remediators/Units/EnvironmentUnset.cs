namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// One <c>UnsetEnvironment=</c> entry: a variable name (removed whatever its value) or a
/// whole <c>NAME=VALUE</c> assignment (removed only when the variable has exactly that value).
/// systemd applies these last, after <c>EnvironmentFile=</c>.
/// </summary>
public sealed record EnvironmentUnset(string Entry, SettingSource Source)
{
    /// <summary>Whether this entry removes <paramref name="name"/> holding <paramref name="value"/>.</summary>
    public bool Removes(string name, string value)
    {
        var equals = Entry.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? Entry == name : Entry[..equals] == name && Entry[(equals + 1)..] == value;
    }
}
