using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.SocketUnits;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Reads who listens on the network for the database, or would at the next boot: the server
/// process itself, or systemd on its behalf through a socket unit (Debian's mariadb.socket
/// listens on 3306 as well as on the local socket; an administrator may have one of their own).
/// With skip-networking every IP listen of such a unit is forbidden. Once the socket unit is
/// out of the way, mariadbd binds its own local socket at start, so local clients keep working
/// and only socket activation over the network is given up.
/// </summary>
internal sealed class MariaDbNetworkEvidence(MariaDbOptions options, ApplianceHost host)
{
    /// <param name="port">The server's port, from its own configuration.</param>
    /// <param name="search">The pass's reading of the unit directories.</param>
    /// <param name="cancellationToken">Ends the questions to systemd.</param>
    public async Task<LiveNetworking> ReadAsync(int port, Units.UnitSearch search, CancellationToken cancellationToken)
    {
        var sockets = ServiceListeners.Of(host.Live.Listeners(), options.Unit, port);
        var evidence = sockets.Held
            .Where(l => l.Transport == Transport.Tcp)
            .Select(l => $"{l.Owner!.ProcessName} listens on TCP: {l}")
            .ToList();
        var unseen = sockets.Unseen
            .Where(l => l.Transport == Transport.Tcp)
            .Select(l => $"the database's port is held by a process that cannot be seen: {l}")
            .ToImmutableArray();

        var changes = ImmutableArray.CreateBuilder<Change>();
        var actions = ImmutableArray.CreateBuilder<UnitAction>();
        var socketUnits = await new SocketUnitFinder(host).FindAsync(options.Unit, port, _ => true, search, cancellationToken).ConfigureAwait(false);
        foreach (var finding in socketUnits.Where(f => f.IsDrift))
        {
            evidence.Add(finding.Describe());
            var (unitChanges, unitActions) = SocketUnitRepair.For(host.Files, finding);
            changes.AddRange(unitChanges);
            actions.AddRange(unitActions);
            if (finding.IsActive && finding.StartsService)
            {
                // The server may hold the socket systemd passed it; a restart makes it bind its own.
                actions.Add(UnitAction.Restart(options.Unit));
            }
        }

        return new LiveNetworking([.. evidence], changes.ToImmutable(), [.. actions.Distinct()]) { Unseen = unseen };
    }
}
