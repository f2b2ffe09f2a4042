using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>
/// The sockets of one service: those held by a process in its unit's cgroup, and, apart, those
/// on its well-known port whose owner cannot be seen (no CAP_SYS_PTRACE), so that not seeing an
/// owner never passes for a clean bill of health. A process elsewhere that holds the port, by
/// whatever name, is not the service: a finding for the audit, never a reason to restart it.
/// </summary>
internal static class ServiceListeners
{
    public static ServiceSockets Of(IEnumerable<Listener> listeners, string unit, int wellKnownPort)
    {
        var all = listeners.ToList();
        return new ServiceSockets(
            [.. all.Where(l => l.Owner?.Unit == unit)],
            [.. all.Where(l => l.Owner is null && l.Port == wellKnownPort)]);
    }
}
