using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Reads who listens on TCP for the database: the server process itself, or systemd on its
/// behalf through a socket unit (Debian's mariadb.socket listens on 3306 as well as on the
/// local socket). For the latter the cure is to mask and stop that socket unit: systemd
/// refuses to restart a socket unit while its service runs, so trimming its ListenStream=
/// would need the database stopped in between; once the socket unit is gone, mariadbd binds
/// its own local socket at start, so local clients keep working and only socket activation
/// is given up.
/// </summary>
internal sealed class MariaDbNetworkEvidence(MariaDbOptions options, ApplianceHost host)
{
    private const string UnitDirectory = "/etc/systemd/system";

    public async Task<LiveNetworking> ReadAsync(CancellationToken cancellationToken)
    {
        var sockets = ServiceListeners.Of(host.Live.Listeners(), options.Unit, MariaDbRule.WellKnownPort);
        var server = sockets.Held
            .Where(l => l.Transport == Transport.Tcp)
            .Select(l => $"{l.Owner!.ProcessName} listens on TCP: {l}")
            .ToList();
        var unseen = sockets.Unseen
            .Where(l => l.Transport == Transport.Tcp)
            .Select(l => $"the database's port is held by a process that cannot be seen: {l}")
            .ToImmutableArray();
        return await SocketUnitAsync(server, cancellationToken).ConfigureAwait(false) with { Unseen = unseen };
    }

    private async Task<LiveNetworking> SocketUnitAsync(List<string> server, CancellationToken cancellationToken)
    {
        var socketUnit = SocketUnitOf(options.Unit);
        if (socketUnit is null)
        {
            return new LiveNetworking([.. server], [], []);
        }

        // Only a socket unit that runs holds a port, and systemd keeps every such unit in memory.
        var state = await host.Live.LoadedUnitStateAsync(socketUnit, cancellationToken).ConfigureAwait(false);
        var held = state is { LoadState: "loaded", IsActive: true } ? state.Listen.Where(l => l.IsNetwork).ToList() : [];
        if (held.Count == 0)
        {
            return new LiveNetworking([.. server], [], []);
        }

        var evidence = server.Concat(held.Select(l => $"systemd listens on {l.Address} ({l.Type}) for {socketUnit}")).ToList();
        var path = AppliancePath.Combine(UnitDirectory, socketUnit);
        var node = host.Files.Stat(path);
        if (node.Exists && node.Kind != FileNodeKind.Symlink)
        {
            // An administrator's own socket unit: theirs to edit, not ours to replace.
            evidence.Add($"{path} is a unit file of its own; remove its network ListenStream= lines (the agent does not replace it)");
            return new LiveNetworking([.. evidence], [], []);
        }

        return new LiveNetworking(
            [.. evidence],
            [new SymlinkSet(path, "/dev/null", node.Exists ? node.LinkTarget : null)],
            [UnitAction.DaemonReload, UnitAction.Stop(socketUnit), UnitAction.Restart(options.Unit)]);
    }

    // mariadb.service is activated by mariadb.socket; a unit of another kind has no socket unit.
    private static string? SocketUnitOf(string unit) =>
        unit.EndsWith(".service", StringComparison.Ordinal) ? unit[..^".service".Length] + ".socket" : null;
}
