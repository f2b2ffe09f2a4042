namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// The process holding a socket open, as /proc shows it.
/// </summary>
/// <param name="ProcessId">The process id (thread group id).</param>
/// <param name="ProcessName">The kernel's short name for it (<c>/proc/PID/comm</c>, at most 15 characters).</param>
/// <param name="Unit">
/// The systemd unit whose cgroup the process is in (<c>memcached.service</c>, <c>init.scope</c>),
/// or <c>null</c> when the process is in no unit (a container's root cgroup, a host without systemd).
/// </param>
public sealed record SocketOwner(int ProcessId, string ProcessName, string? Unit);
