namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// When a restarted service counts as up. A restart job's "done" says only that systemd
/// started it (for Type=simple, that it forked): a memcached that cannot bind exits a few
/// milliseconds later, and with Restart=always systemd starts it again under a new
/// invocation, so one look after the job proves nothing. The unit is looked at every
/// <see cref="Poll"/>: it must stay the invocation the restart made, with no automatic
/// restart, until its processes hold a listening socket and are still there one look later,
/// or, for a service that never listens, for <see cref="Longest"/>.
/// </summary>
/// <param name="Longest">
/// How long a service that shows no listening socket is watched. A service that cannot run
/// with its configuration dies while reading it or binding, well within this.
/// </param>
/// <param name="Listening">
/// Whether the unit's own processes (by cgroup, never by name) hold a listening socket now:
/// a service that bound what it serves has read its configuration.
/// </param>
public sealed record RestartSettle(TimeSpan Longest, Func<string, bool> Listening)
{
    /// <summary>
    /// systemd changes a unit's state as soon as it reaps the main process, so a death shows
    /// at the next look; 50 ms keeps a healthy restart's wait near a tenth of a second.
    /// </summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
}
