namespace CloudSharkHardening.Remediators.Audit.Time;

/// <summary>What systemd says about the system clock (org.freedesktop.timedate1 on a live system).</summary>
public interface IClockStatus
{
    /// <summary>The clock's synchronisation state, or null when nothing on the system can say (no timedated, no bus).</summary>
    Task<ClockSynchronisation?> QueryAsync(CancellationToken cancellationToken);
}
