using System.Globalization;
using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Audit.Listeners;

/// <summary>
/// What a socket held by PID 1 is for. systemd holds a port only for a socket unit, so
/// "systemd (init.scope)" names nothing a person can act on, and disabling init.scope is no
/// fix; the socket unit listening there is. Matched by transport, port and address (see
/// <see cref="SocketListen.Covers"/>) among the socket units that are listening.
/// </summary>
internal sealed class ManagerSockets(IReadOnlyList<UnitState> socketUnits)
{
    /// <summary>Held by the service manager itself: PID 1, or its own cgroup in a box that shows another pid.</summary>
    public static bool HeldByManager(Listener listener) => listener.Owner is { ProcessId: 1 } or { Unit: "init.scope" };

    /// <summary>The listening socket units that may hold <paramref name="listener"/>, by name.</summary>
    public IReadOnlyList<string> UnitsFor(Listener listener) =>
        [.. socketUnits.Where(unit => unit.IsActive && unit.Listen.Any(entry => entry.Covers(listener))).Select(unit => unit.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>"systemd listens on [::]:3306 for mariadb.socket", or "systemd (PID 1)" when no socket unit claims it.</summary>
    public string Describe(Listener listener) =>
        UnitsFor(listener) is { Count: > 0 } units
            ? string.Create(CultureInfo.InvariantCulture, $"systemd listens on {new IPEndPoint(listener.Address, listener.Port)} for {string.Join(", ", units)}")
            : "systemd (PID 1)";
}
