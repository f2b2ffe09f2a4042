using System.Diagnostics.CodeAnalysis;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>The header flags byte. Unknown bits are kept and ignored.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The D-Bus specification names this header byte the flags.")]
public enum MessageFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>The caller wants no reply; only meaningful on a method call (dbus-daemon sets it on its replies too).</summary>
    NoReplyExpected = 0x1,

    /// <summary>The bus must not start a service to receive this call.</summary>
    NoAutoStart = 0x2,

    /// <summary>The caller is prepared to wait for an interactive polkit prompt; a daemon never sets it.</summary>
    AllowInteractiveAuthorization = 0x4,
}
