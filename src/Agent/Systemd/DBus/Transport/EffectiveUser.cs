using System.Runtime.InteropServices;

namespace CloudSharkHardening.Agent.Systemd.DBus.Transport;

/// <summary>
/// The effective uid, which SASL EXTERNAL must claim: the server compares it with the
/// peer credentials the kernel reports (SO_PEERCRED), so any other number is rejected.
/// </summary>
internal static partial class EffectiveUser
{
    public static uint Id => GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
