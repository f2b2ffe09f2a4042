using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>The sockets a service holds, by its systemd unit or, when that is unknown, by process name.</summary>
internal static class ServiceListeners
{
    public static IReadOnlyList<Listener> Of(IEnumerable<Listener> listeners, string unit, params string[] processNames) =>
        listeners.Where(l => l.Owner is { } owner && (owner.Unit == unit || processNames.Contains(owner.ProcessName))).ToList();
}
