using System.Globalization;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Audit.Listeners;

/// <summary>
/// Sockets on a managed service's port held by a process outside that service's unit,
/// whatever the process calls itself: it squats the port (the service cannot bind it, and the
/// web application's cache traffic to 127.0.0.1:11211 would reach it), so loopback counts too.
/// The rules never restart a service for such a socket; a person decides. One finding per
/// transport and port.
/// </summary>
public sealed class ForeignListenersCheck(ILiveSystem live, AccountDatabase accounts, ManagedUnits units) : IAuditCheck
{
    public string Name => "foreign-listeners";

    public Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var foreign = live.Listeners()
            // PID 1 holds the sockets of socket units, which only root defines; the rules judge those.
            .Where(l => l.Owner is { } owner && units.UnitOfPort(l.Port) is { } unit && owner.Unit != unit && !ManagerSockets.HeldByManager(l))
            .GroupBy(l => (l.Transport, l.Port))
            .OrderBy(group => group.Key.Transport)
            .ThenBy(group => group.Key.Port)
            .Select(group => Describe(group.Key.Transport, group.Key.Port, units.UnitOfPort(group.Key.Port)!, [.. group]))
            .ToList();
        return Task.FromResult<IReadOnlyList<Finding>>(foreign);
    }

    private Finding Describe(Transport transport, int port, string unit, IReadOnlyList<Listener> sockets)
    {
        var name = transport == Transport.Tcp ? "TCP" : "UDP";
        var owners = string.Join(", ", sockets.Select(l => Owner(l.Owner!)).Distinct(StringComparer.Ordinal));
        var pid = sockets[0].Owner!.ProcessId.ToString(CultureInfo.InvariantCulture);
        return new Finding(
            string.Create(CultureInfo.InvariantCulture, $"listener.foreign.{name.ToLowerInvariant()}.{port}"),
            Severity.High,
            string.Create(CultureInfo.InvariantCulture, $"{name} port {port} belongs to {unit}, but a process outside it holds it: {owners}"),
            [.. sockets.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l}; user {accounts.UserName(l.UserId)} (uid {l.UserId})"))],
            $"The agent does not restart {unit} for a socket that is not its own, nor stop other people's processes. See what started it ('systemctl status {pid}'), stop it, and give it another port if it is meant to run.",
            []);
    }

    private static string Owner(SocketOwner owner) =>
        string.Create(CultureInfo.InvariantCulture, $"{owner.ProcessName} (pid {owner.ProcessId}, {owner.Unit ?? "in no unit"})");
}
