using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Live;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules.SocketUnits;

/// <summary>
/// Finds the socket units that would let a service onto the network behind its own back: every
/// socket unit that starts the service (by name or <c>Service=</c>, or as systemd's
/// <c>TriggeredBy</c> says), whatever it listens on, and any other socket unit listening on the
/// service's port. Each is judged by its unit files, which say what it will listen on at the next
/// boot, and by whether it runs now or is enabled: a stopped but enabled one is drift too.
/// </summary>
internal sealed class SocketUnitFinder(ApplianceHost host)
{
    private const string SocketSuffix = ".socket";

    /// <summary>Where <c>systemctl enable</c> links a socket unit: a new entry there is a socket unit that starts at boot.</summary>
    public static WatchedPath Enablement { get; } = new("/etc/systemd/system/sockets.target.wants", WatchScope.Entries);

    /// <param name="service">The service unit, e.g. "mariadb.service".</param>
    /// <param name="port">The service's port, from its own configuration.</param>
    /// <param name="forbidden">Whether the rule forbids a listen on this address.</param>
    /// <param name="search">The pass's reading of the unit directories, shared with its other questions.</param>
    /// <param name="cancellationToken">Ends the questions to systemd.</param>
    public async Task<ImmutableArray<SocketUnitFinding>> FindAsync(string service, int port, Func<SocketUnitAddress, bool> forbidden, UnitSearch search, CancellationToken cancellationToken)
    {
        var triggeredBy = host.Live.IsRunning && await host.Live.LoadedUnitStateAsync(service, cancellationToken).ConfigureAwait(false) is { } state
            ? state.TriggeredBy.Where(unit => unit.EndsWith(SocketSuffix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
            : [];
        var names = search.UnitNames(SocketSuffix)
            .Where(name => !name.Contains("@.", StringComparison.Ordinal))
            .Union(triggeredBy, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var findings = ImmutableArray.CreateBuilder<SocketUnitFinding>();
        foreach (var name in names)
        {
            if (await JudgeAsync(search, name, service, port, forbidden, triggeredBy.Contains(name), cancellationToken).ConfigureAwait(false) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings.ToImmutable();
    }

    private async Task<SocketUnitFinding?> JudgeAsync(UnitSearch search, string name, string service, int port, Func<SocketUnitAddress, bool> forbidden, bool triggers, CancellationToken cancellationToken)
    {
        var set = search.Locate(name);
        if (set.IsMasked || set.FragmentPath is null && set.DropInPaths.IsEmpty)
        {
            return null; // cannot start: nothing will listen
        }

        var definition = UnitDefinition.Read(host.Files, set);
        triggers = triggers || definition.TriggeredService == service;
        var bad = definition.Listens
            .Where(listen => SocketUnitAddress.Parse(listen.Kind, listen.Address) is { } address && forbidden(address) && (triggers || address.Port == port))
            .ToImmutableArray();
        if (bad.IsEmpty)
        {
            return null;
        }

        var state = host.Live.IsRunning ? await host.Live.LoadedUnitStateAsync(name, cancellationToken).ConfigureAwait(false) : null;
        ImmutableArray<SocketListen> heldNow = state is { IsActive: true } ? [.. state.Listen] : [];
        var (startsAtBoot, evidence) = search.Enablement(name);
        var ownPath = AppliancePath.Combine(SocketUnitRepair.UnitDirectory, name);
        var own = host.Files.Stat(ownPath) is { Exists: true, Kind: not FileNodeKind.Symlink } ? ownPath : null;
        return new SocketUnitFinding(name, bad, [.. definition.Listens.Except(bad)], heldNow, startsAtBoot ? evidence ?? "enabled" : null, triggers, own);
    }
}
