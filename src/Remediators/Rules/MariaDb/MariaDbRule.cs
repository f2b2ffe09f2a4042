using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Keeps the database off the network: the server's effective option set, read through
/// every option file and include in the server's own order, must have <c>skip-networking</c>.
/// The local unix socket keeps working.
/// </summary>
public sealed class MariaDbRule(MariaDbOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "mariadb";

    /// <summary>The database's TCP port, where a listener whose owner cannot be seen is counted against it.</summary>
    public const int WellKnownPort = 3306;

    /// <inheritdoc/>
    public string Name => RuleName;

    /// <summary>
    /// The start files and every file their includes reach now, and the entries of every
    /// !includedir (a file dropped there joins the chain). A chain that cannot be read yet is
    /// watched at its start files; the next pass reports what is wrong with it.
    /// </summary>
    public IReadOnlyList<WatchedPath> WatchedPaths
    {
        get
        {
            var startFiles = options.OptionFiles.Select(path => new WatchedPath(path, WatchScope.Node));
            try
            {
                var chain = OptionFileChain.Read(host.Files, options.OptionFiles);
                return [
                    .. startFiles,
                    .. chain.FilesRead.Select(path => new WatchedPath(path, WatchScope.Node)),
                    .. chain.DirectoriesRead.Select(path => new WatchedPath(path, WatchScope.Entries))];
            }
            catch (Errors.HardeningException)
            {
                return [.. startFiles];
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> WatchedUnits => [options.Unit, .. options.Unit.EndsWith(".service", StringComparison.Ordinal) ? [options.Unit[..^".service".Length] + ".socket"] : Array.Empty<string>()];

    /// <summary>
    /// Reads the option chain; the first note always says where the effective value of
    /// <c>skip-networking</c> comes from, e.g. "skip-networking effective: off (decided by
    /// /etc/my.cnf.d/zz.cnf:3 skip-networking=0)".
    /// </summary>
    public async ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var chain = OptionFileChain.Read(host.Files, options.OptionFiles);
        var verdict = SkipNetworkingPlanner.Evaluate(chain);
        List<string> notes = [verdict.Describe(), .. chain.Notes];
        var live = await LiveNetworkingAsync(cancellationToken).ConfigureAwait(false);

        // Where the server can say how it reads its files, its word decides (it knows its own
        // version's groups, for one); this agent's reading is the fallback and the editor.
        var serverView = host.Live.IsRunning ? await ServerOwnView.SkipNetworkingAsync(host.Live, cancellationToken).ConfigureAwait(false) : null;
        if (serverView is { } server && server != verdict.IsOn)
        {
            notes.Add($"the server's own reading ({ServerOwnView.Command}) has skip-networking {OnOff(server)}, this agent's reading has it {OnOff(verdict.IsOn)}: the server's counts");
        }

        if (serverView ?? verdict.IsOn)
        {
            if (live.IsClean)
            {
                return Plan.Compliant(RuleName, [.. notes]);
            }

            if (live.Evidence.IsEmpty)
            {
                // A listener whose owner cannot be seen may be anyone's: reported, never restarted for.
                return new Plan(RuleName, [], [], [.. notes, ServiceSockets.UnseenOwnerNote("the server")]) { Evidence = live.Unseen };
            }

            // The option files are right; what still listens was started before they were.
            var actions = live.Changes.IsEmpty ? [UnitAction.Restart(options.Unit)] : live.Actions;
            return new Plan(RuleName, live.Changes, actions, [.. notes, "skip-networking is in force in the option files: the server was not restarted since"]) { Evidence = live.AllEvidence };
        }

        if (verdict.IsOn)
        {
            // Nothing to edit that this agent can see; a person must look at what the server reads.
            return new Plan(RuleName, [], [], [.. notes]) { Evidence = [.. live.AllEvidence, $"the server's own reading of its option files ({ServerOwnView.Command}) has skip-networking off"] };
        }

        var edits = SkipNetworkingPlanner.Plan(chain, options.SeedFile);
        if (host.Live.IsRunning && live.IsClean)
        {
            // The running server is off the network already (it started before the files were
            // undone): putting them back is enough; restarting a database is not done lightly.
            return new Plan(RuleName, [.. edits], [], [.. notes, "the running server has no TCP listener; the option files are put back without a restart"]);
        }

        var unitActions = live.Changes.IsEmpty ? [UnitAction.Restart(options.Unit)] : live.Actions;
        return new Plan(RuleName, [.. edits, .. live.Changes], unitActions, [.. notes]) { Evidence = live.AllEvidence };
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    private Task<LiveNetworking> LiveNetworkingAsync(CancellationToken cancellationToken) =>
        host.Live.IsRunning
            ? new MariaDbNetworkEvidence(options, host).ReadAsync(cancellationToken)
            : Task.FromResult(LiveNetworking.NotRunning);

    /// <inheritdoc/>
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
}
