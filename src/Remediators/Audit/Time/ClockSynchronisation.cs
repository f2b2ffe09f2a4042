namespace CloudSharkHardening.Remediators.Audit.Time;

/// <summary>timedated's view of the clock.</summary>
/// <param name="NtpEnabled">Its <c>NTP</c> property: a network time service is enabled.</param>
/// <param name="Synchronised">Its <c>NTPSynchronized</c> property: the kernel says the clock is synchronised.</param>
public sealed record ClockSynchronisation(bool NtpEnabled, bool Synchronised);
