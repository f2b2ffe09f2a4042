namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// The process holding a socket open, as /proc shows it.
/// </summary>
/// <param name="ProcessId">The process id (thread group id).</param>
/// <param name="ProcessName">
/// The kernel's short name for it (<c>/proc/PID/comm</c>, at most 15 characters): chosen by the
/// process itself, so a label for people, never evidence of what the process is.
/// </param>
/// <param name="Unit">
/// The systemd system unit whose cgroup the process is in (<c>memcached.service</c>, <c>init.scope</c>,
/// <c>user@1000.service</c> for everything a user's own manager runs), or <c>null</c> when the process
/// is in no unit (a container's root cgroup, a host without systemd). Decided by the kernel's
/// cgroup path, which the process cannot choose; never by its name, which it can.
/// </param>
public sealed record SocketOwner(int ProcessId, string ProcessName, string? Unit);
