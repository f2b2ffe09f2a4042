using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// A subscriber fell so far behind that its queue filled and signals were dropped. The
/// subscription ends with this rather than silently missing a JobRemoved; subscribing again
/// and re-reading state recovers, so it is transient.
/// </summary>
public sealed class DBusSignalsLostException(MatchRule rule, int capacity)
    : HardeningException($"signals for {rule} were lost: more than {capacity} were waiting unread", isTransient: true);
