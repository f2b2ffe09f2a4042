using System.Globalization;
using CloudSharkHardening.Remediators.Audit.Firewall;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;
using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Audit.Listeners;

/// <summary>
/// Every TCP listener and UDP socket bound to a non-loopback address whose port is not on
/// the allow-list: "a quick netstat", with the process, its unit and the firewall's verdict.
/// One finding per transport and port, however many sockets (IPv4, IPv6) hold it. Whose socket
/// it is comes from the owner's unit (its cgroup), never from the name the process gave itself;
/// one PID 1 holds is the socket unit's that listens there.
/// </summary>
public sealed class ExposedListenersCheck(ILiveSystem live, AuditOptions options, ManagedUnits units) : IAuditCheck
{
    public string Name => "listeners";

    public async Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        var exposed = live.Listeners().Where(listener => !listener.IsLoopback && !IsAllowed(listener)).ToList();
        if (exposed.Count == 0)
        {
            return [];
        }

        // Asked only when systemd holds one: listing the socket units is a D-Bus call per unit.
        var manager = new ManagerSockets(exposed.Any(ManagerSockets.HeldByManager) ? await live.LoadedSocketUnitsAsync(cancellationToken).ConfigureAwait(false) : []);
        var firewall = await FirewallView.ReadAsync(live, cancellationToken).ConfigureAwait(false);
        return [.. exposed
            .GroupBy(listener => (listener.Transport, listener.Port))
            .OrderBy(group => group.Key.Transport)
            .ThenBy(group => group.Key.Port)
            .Select(group => Describe(group.Key.Transport, group.Key.Port, [.. group.Select(listener => (listener, firewall.Judge(listener)))], manager))];
    }

    private bool IsAllowed(Listener listener) =>
        (listener.Transport == Transport.Tcp ? options.AllowedTcpPorts : options.AllowedUdpPorts).Contains(listener.Port);

    private Finding Describe(Transport transport, int port, IReadOnlyList<(Listener Listener, FilterVerdict Verdict)> sockets, ManagerSockets manager)
    {
        var name = transport == Transport.Tcp ? "TCP" : "UDP";
        var owners = string.Join(", ", sockets.Select(s => ManagerSockets.HeldByManager(s.Listener) ? manager.Describe(s.Listener) : Owner(s.Listener)).Distinct(StringComparer.Ordinal));
        var amplifier = transport == Transport.Udp && sockets.Any(s => port == MemcachedRule.WellKnownPort || s.Listener.Owner?.Unit == units.Memcached);
        var severity = sockets.Max(s => SeverityOf(s.Verdict.State, amplifier));
        var reachable = sockets.Any(s => s.Verdict.State != FilterState.Dropped);
        var title = reachable
            ? $"{name} port {port} is reachable from the network: {owners}"
            : $"{name} port {port} listens on the network, behind a firewall that drops it: {owners}";
        var references = amplifier
            ? new[] { BenchmarkReferences.LynisListeningPorts, BenchmarkReferences.MemcachedUdpAmplification }
            : [BenchmarkReferences.LynisListeningPorts];
        return new Finding(
            string.Create(CultureInfo.InvariantCulture, $"listener.{name.ToLowerInvariant()}.{port}"),
            severity,
            title,
            [.. sockets.Select(s => $"{s.Listener}; firewall {s.Verdict}")],
            Fix(transport, sockets.Select(s => s.Listener).ToList(), amplifier, manager),
            references);
    }

    private static Severity SeverityOf(FilterState state, bool amplifier) => state switch
    {
        FilterState.Dropped => Severity.Low,
        FilterState.Restricted => Severity.Medium,
        _ => amplifier ? Severity.Critical : Severity.High,
    };

    private static string Owner(Listener listener) => listener.Owner switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"an unknown process (uid {listener.UserId})"),
        { Unit: null } owner => owner.ProcessName,
        var owner => $"{owner.ProcessName} ({owner.Unit})",
    };

    private string Fix(Transport transport, IReadOnlyList<Listener> sockets, bool amplifier, ManagerSockets manager)
    {
        // memcached's port with an owner that cannot be seen is most likely memcached itself.
        var owners = sockets.Select(l => l.Owner?.Unit).ToHashSet(StringComparer.Ordinal);
        if (owners.Contains(units.Memcached) || (amplifier && sockets.Any(l => l.Owner is null)))
        {
            return "Run 'cloudshark-hardening --once': its memcached rule binds memcached to 127.0.0.1 and turns UDP off (-U 0).";
        }

        if (owners.Contains(units.MariaDb))
        {
            return "Run 'cloudshark-hardening --once': its mariadb rule sets skip-networking, so MariaDB answers on its local socket only.";
        }

        // A scope (a login session, a user's manager's tree, PID 1's own) is no service to
        // disable; the socket unit PID 1 listens for is.
        var unit = sockets.Where(ManagerSockets.HeldByManager).SelectMany(manager.UnitsFor).FirstOrDefault()
            ?? sockets.Select(l => l.Owner?.Unit).FirstOrDefault(u => u is not null && u.EndsWith(".service", StringComparison.Ordinal) && !u.StartsWith("user@", StringComparison.Ordinal));
        var stop = unit is null ? "stop the process" : $"stop it ('systemctl disable --now {unit}')";
        var list = transport == Transport.Tcp ? "allowedTcpPorts" : "allowedUdpPorts";
        return $"If nothing outside needs it, bind it to 127.0.0.1 or {stop}; otherwise drop the port in the firewall, or add it to audit.{list} in hardening.json if it is meant to be public.";
    }
}
