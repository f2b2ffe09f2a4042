namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// The limits the D-Bus specification sets. A peer's length field is checked against them
/// before anything is allocated, so a hostile or corrupt message cannot make us allocate
/// gigabytes or recurse until the stack overflows.
/// </summary>
internal static class DBusLimits
{
    public const int MaxMessageLength = 128 * 1024 * 1024;
    public const int MaxArrayLength = 64 * 1024 * 1024;
    public const int MaxSignatureLength = 255;
    public const int MaxArrayNesting = 32;
    public const int MaxStructNesting = 32;

    /// <summary>Arrays, structs, dict entries and variants together, across variants.</summary>
    public const int MaxTotalNesting = 64;

    public const int MaxNameLength = 255;
    public const int MaxMatchRuleLength = 1024;
}
