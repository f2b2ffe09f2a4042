using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>
/// The sockets a service holds: by its systemd unit or process name, and, for a socket whose
/// owner cannot be seen (no CAP_SYS_PTRACE), by the service's well-known port, so that not
/// seeing an owner never passes for a clean bill of health.
/// </summary>
internal static class ServiceListeners
{
    public static IReadOnlyList<Listener> Of(IEnumerable<Listener> listeners, string unit, int wellKnownPort, params string[] processNames) =>
        listeners.Where(l => l.Owner is { } owner
            ? owner.Unit == unit || processNames.Contains(owner.ProcessName)
            : l.Port == wellKnownPort).ToList();
}
