using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// memcached listens on loopback only, with UDP off. Judged by what memcached's arguments
/// mean (any spelling of <c>-l</c> and <c>-U</c>), and repaired by editing only those options.
/// </summary>
public sealed class MemcachedRule(MemcachedOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "memcached";

    /// <summary>memcached's port, where a socket whose owner cannot be seen is counted against it.</summary>
    public const int WellKnownPort = 11211;

    /// <inheritdoc />
    public string Name => RuleName;

    /// <inheritdoc />
    public IReadOnlyList<WatchedPath> WatchedPaths => [new(options.ConfigFile, WatchScope.Node)];

    /// <inheritdoc />
    public IReadOnlyList<string> WatchedUnits => [options.Unit];

    /// <inheritdoc />
    /// <exception cref="Errors.UnsupportedFileException">The config file has syntax the rule cannot judge or rewrite safely.</exception>
    public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var listenList = string.Join(',', options.ListenAddresses);
        IMemcachedConfigEditor editor = options.Format switch
        {
            MemcachedConfigFormat.Sysconfig => new SysconfigMemcachedEditor(),
            MemcachedConfigFormat.DebianConf => new DebianConfMemcachedEditor(),
            _ => throw new InvalidOperationException($"no editor for memcached config format {options.Format}"),
        };
        var file = host.Files.ReadText(options.ConfigFile);
        if (file is null)
        {
            var path = host.Files.ResolveLinks(options.ConfigFile);
            return ValueTask.FromResult(new Plan(
                Name,
                [new FileEdit(path, null, editor.Create(listenList), $"listen on {listenList} only, UDP off (was: no config file)")],
                [UnitAction.Restart(options.Unit)],
                [$"{path} was absent; it is created holding only memcached's listen and UDP settings"]));
        }

        var edit = editor.Harden(file, listenList);
        var (held, unseen) = LiveProblems();
        if (edit.Before.IsCompliant)
        {
            if (held.Count > 0)
            {
                // The file is right and the running memcached is not: it was never restarted since.
                return ValueTask.FromResult(new Plan(Name, [], [UnitAction.Restart(options.Unit)], [$"{file.Path} already says loopback only with UDP off: memcached has not been restarted since"]) { Evidence = [.. held, .. unseen] });
            }

            // A socket whose owner cannot be seen may be anyone's: reported, never restarted for.
            return ValueTask.FromResult(unseen.Count == 0 ? Plan.Compliant(Name) : new Plan(Name, [], [], [ServiceSockets.UnseenOwnerNote("memcached")]) { Evidence = [.. unseen] });
        }

        var why = $"listen on {listenList} only, UDP off (was: {edit.Before.Describe()})";
        List<string> seen = [.. held, .. unseen];
        if (host.Live.IsRunning && seen.Count == 0)
        {
            // The running memcached is hardened already (it started before the file was undone):
            // putting the file back is enough, and a restart would only disturb its clients.
            return ValueTask.FromResult(new Plan(Name, [new FileEdit(file.Path, file.Text, edit.After, why)], [], ["memcached runs hardened already; the file is put back without a restart"]));
        }

        return ValueTask.FromResult(new Plan(
            Name,
            [new FileEdit(file.Path, file.Text, edit.After, why)],
            [UnitAction.Restart(options.Unit)],
            []) { Evidence = [.. seen] });
    }

    /// <summary>
    /// What the running memcached holds that the rule forbids: any UDP socket (the amplification
    /// the guide warns about) and any TCP listener beyond loopback. <c>Held</c> are sockets of
    /// processes in memcached's unit; <c>Unseen</c> those on its port whose owner cannot be seen.
    /// </summary>
    private (List<string> Held, List<string> Unseen) LiveProblems()
    {
        if (!host.Live.IsRunning)
        {
            return ([], []);
        }

        var sockets = ServiceListeners.Of(host.Live.Listeners(), options.Unit, WellKnownPort);
        return (Problems(sockets.Held), Problems(sockets.Unseen));
    }

    private static List<string> Problems(IReadOnlyList<Listener> sockets) =>
    [
        .. sockets.Where(l => l.Transport == Transport.Udp).Select(l => $"memcached has a UDP socket open: {l}"),
        .. sockets.Where(l => l.Transport == Transport.Tcp && !l.IsLoopback).Select(l => $"memcached listens beyond loopback: {l}"),
    ];

    /// <inheritdoc />
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
}
