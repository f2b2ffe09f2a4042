using System.Globalization;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.SocketUnits;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// memcached listens on loopback only, with UDP off. Judged by the arguments its unit will
/// really pass (ExecStart=, Environment=, every EnvironmentFile=, or the file Debian's wrapper
/// reads), by what they mean (any spelling of <c>-l</c> and <c>-U</c>), and by what the running
/// memcached and any socket unit on its port hold. Repaired only in the file the hardening
/// procedure owns; a bad argument from anywhere else is named, never guessed around.
/// </summary>
public sealed class MemcachedRule(MemcachedOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "memcached";

    /// <summary>memcached's port when its arguments set none.</summary>
    public const int WellKnownPort = 11211;

    /// <summary>The files the hardening procedure keeps memcached's arguments in, on either family.</summary>
    private static readonly string[] OwnedFiles = [MemcachedInvocation.SysconfigPath, MemcachedInvocation.DebianConfPath];

    /// <inheritdoc />
    public string Name => RuleName;

    /// <inheritdoc />
    public IReadOnlyList<WatchedPath> WatchedPaths =>
        [.. OwnedFiles.Append(options.ConfigFile).Distinct(StringComparer.Ordinal).Select(path => new WatchedPath(path, WatchScope.Node)), .. ServiceCommand.WatchedPaths(host.Files, options.Unit), SocketUnitFinder.Enablement];

    /// <inheritdoc />
    public IReadOnlyList<string> WatchedUnits => [options.Unit];

    /// <inheritdoc />
    /// <exception cref="UnsupportedFileException">A file has syntax the rule cannot judge or rewrite safely.</exception>
    /// <exception cref="SettingElsewhereException">What breaks the rule is set in a file the agent does not own.</exception>
    public async ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // One reading of the unit directories serves the service's files and every socket unit.
        var search = new UnitSearch(host.Files);
        var invocation = await MemcachedInvocation.ReadAsync(host, options, search, cancellationToken).ConfigureAwait(false);
        var commandLine = MemcachedCommandLine.Parse([.. invocation.Arguments.Select(word => word.Text)]);
        var sockets = MemcachedSockets.From(commandLine);
        var port = PortOf(commandLine);
        var live = await LiveAsync(port, cancellationToken).ConfigureAwait(false);
        var socketUnits = await new SocketUnitFinder(host).FindAsync(options.Unit, port, address => address.Transport == Transport.Udp || !address.IsLoopback, search, cancellationToken).ConfigureAwait(false);
        List<string> notes = [.. invocation.Notes];
        var plan = sockets.IsCompliant
            ? Compliant(live, notes)
            : Repair(invocation, commandLine, sockets, live, notes);
        return WithSocketUnits(plan, socketUnits);
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);

    /// <summary>memcached's arguments are right: the running one must show it, and be running at all.</summary>
    private Plan Compliant(MemcachedLive live, List<string> notes)
    {
        if (live.Held.Count > 0)
        {
            // The arguments are right and the running memcached is not: it was never restarted since.
            return new Plan(Name, [], [UnitAction.Restart(options.Unit)], [.. notes, "memcached's arguments say loopback only with UDP off: memcached has not been restarted since"]) { Evidence = [.. live.Held, .. live.Unseen] };
        }

        if (live.State is { IsFailed: true } failed)
        {
            return new Plan(Name, [], [], [.. notes]) { Evidence = [$"{options.Unit} has failed ({failed.Service?.Result ?? failed.SubState}): memcached is not running; see journalctl -u {options.Unit}"] };
        }

        if (live.State is { IsActive: false })
        {
            notes.Add($"{options.Unit} is not running ({live.State.ActiveState}); it starts on loopback only with UDP off");
        }

        // A socket whose owner cannot be seen may be anyone's: reported, never restarted for.
        return live.Unseen.Count == 0 ? Plan.Compliant(Name, [.. notes]) : new Plan(Name, [], [], [.. notes, ServiceSockets.UnseenOwnerNote("memcached")]) { Evidence = [.. live.Unseen] };
    }

    private Plan Repair(MemcachedInvocation invocation, MemcachedCommandLine commandLine, MemcachedSockets sockets, MemcachedLive live, List<string> notes)
    {
        var listenList = string.Join(',', options.ListenAddresses);
        var elsewhere = MemcachedBlame.Elsewhere(invocation, sockets, listenList);
        if (elsewhere.Count > 0)
        {
            throw new SettingElsewhereException(options.Unit, elsewhere);
        }

        var path = invocation.EditableFile!;
        IMemcachedConfigEditor editor = invocation.Format == MemcachedConfigFormat.Sysconfig ? new SysconfigMemcachedEditor() : new DebianConfMemcachedEditor();
        var file = host.Files.ReadText(path);
        var why = $"listen on {listenList} only, UDP off (was: {(file is null ? "no config file" : sockets.Describe())})";
        if (file is null)
        {
            notes.Insert(0, $"{path} was absent; it is created holding only memcached's listen and UDP settings");
        }

        var edit = file is null
            ? new FileEdit(host.Files.ResolveLinks(path), null, editor.Create(listenList), why)
            : new FileEdit(file.Path, file.Text, editor.Harden(file, listenList, MemcachedBlame.ListenHeldElsewhere(invocation, commandLine)).After, why);
        if (live.State is { IsActive: true } && live.Held.Count == 0 && live.Unseen.Count == 0 && live.ServesLoopback)
        {
            // The running memcached is hardened already (it started before the file was undone):
            // putting the file back is enough, and a restart would only disturb its clients.
            return new Plan(Name, [edit], [], [.. notes, "memcached runs on loopback only with UDP off already; the file is put back without a restart"]);
        }

        if (live.State is { IsFailed: true } failed)
        {
            notes.Add($"{options.Unit} has failed ({failed.Service?.Result ?? failed.SubState}); it is not started by the agent, and starts hardened when it is");
        }

        return new Plan(Name, [edit], [UnitAction.Restart(options.Unit)], [.. notes]) { Evidence = [.. live.Held, .. live.Unseen] };
    }

    private Plan WithSocketUnits(Plan plan, IReadOnlyList<SocketUnitFinding> findings)
    {
        var drift = findings.Where(f => f.IsDrift).ToList();
        if (drift.Count == 0)
        {
            return plan;
        }

        var changes = plan.Changes.ToBuilder();
        var actions = plan.UnitActions.ToBuilder();
        foreach (var finding in drift)
        {
            var (unitChanges, unitActions) = SocketUnitRepair.For(host.Files, finding);
            changes.AddRange(unitChanges);
            actions.InsertRange(0, unitActions);
            if (finding.IsActive && finding.StartsService)
            {
                // memcached may hold the socket systemd passed it; a restart makes it bind its own.
                actions.Add(UnitAction.Restart(options.Unit));
            }
        }

        return plan with { Changes = changes.ToImmutable(), UnitActions = [.. actions.Distinct()], Evidence = [.. plan.Evidence, .. drift.Select(f => f.Describe())] };
    }

    /// <summary>
    /// What the running memcached holds that the rule forbids: any UDP socket (the amplification
    /// the guide warns about) and any TCP listener beyond loopback. <c>Held</c> are sockets of
    /// processes in memcached's unit; <c>Unseen</c> those on its port whose owner cannot be seen.
    /// </summary>
    private async Task<MemcachedLive> LiveAsync(int port, CancellationToken cancellationToken)
    {
        if (!host.Live.IsRunning)
        {
            return new MemcachedLive(null, [], [], false);
        }

        var state = await host.Live.UnitStateAsync(options.Unit, cancellationToken).ConfigureAwait(false);
        var sockets = ServiceListeners.Of(host.Live.Listeners(), options.Unit, port);
        var servesLoopback = sockets.Held.Any(l => l.Transport == Transport.Tcp && l.IsLoopback);
        return new MemcachedLive(state, Problems(sockets.Held), Problems(sockets.Unseen), servesLoopback);
    }

    private static List<string> Problems(IReadOnlyList<Listener> sockets) =>
    [
        .. sockets.Where(l => l.Transport == Transport.Udp).Select(l => $"memcached has a UDP socket open: {l}"),
        .. sockets.Where(l => l.Transport == Transport.Tcp && !l.IsLoopback).Select(l => $"memcached listens beyond loopback: {l}"),
    ];

    /// <summary>The TCP port memcached's arguments set (the last <c>-p</c>), else its default.</summary>
    private static int PortOf(MemcachedCommandLine commandLine) =>
        commandLine.Arguments.LastOrDefault(argument => argument.Letter == MemcachedArgument.Port) is { Value: { } value }
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : WellKnownPort;

    private sealed record MemcachedLive(UnitState? State, List<string> Held, List<string> Unseen, bool ServesLoopback);
}
