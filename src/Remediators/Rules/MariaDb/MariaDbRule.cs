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
    /// The start files and every file their includes reach now, the entries of every
    /// !includedir (a file dropped there joins the chain), the server's unit files and the
    /// socket units enabled at boot. A chain that cannot be read yet is
    /// watched at its start files; the next pass reports what is wrong with it.
    /// </summary>
    public IReadOnlyList<WatchedPath> WatchedPaths
    {
        get
        {
            // The server's unit (a drop-in's MYSQLD_OPTS) and socket enablement count as much as the option files.
            IEnumerable<WatchedPath> startFiles = [
                .. options.OptionFiles.Select(path => new WatchedPath(path, WatchScope.Node)),
                .. ServiceCommand.WatchedPaths(host.Files, options.Unit),
                SocketUnits.SocketUnitFinder.Enablement];
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
        // One reading of the unit directories serves the server's files and every socket unit.
        var search = new Units.UnitSearch(host.Files);
        var command = await ServiceCommand.ReadAsync(host, options.Unit, search, cancellationToken).ConfigureAwait(false);
        var commandLine = MariaDbCommandLine.Read(command);
        RefuseCommandLineOverrides(commandLine);
        var chain = OptionFileChain.Read(host.Files, options.OptionFiles);
        var verdict = SkipNetworkingPlanner.Evaluate(chain);
        List<string> notes = [verdict.Describe(), .. chain.Notes, .. command?.Notes ?? []];
        if (command is not null && !commandLine.IsServer)
        {
            notes.Add($"{options.Unit} runs {command.Program}, not the server: its arguments are not judged");
        }

        var port = commandLine.Port ?? ChainPort(chain) ?? WellKnownPort;
        var live = await new MariaDbNetworkEvidence(options, host).ReadAsync(port, search, cancellationToken).ConfigureAwait(false);

        // Where the server can say how it reads its files, its word decides (it knows its own
        // version's groups, for one); this agent's reading is the fallback and the editor. An
        // argument on its command line beats both.
        var serverView = host.Live.IsRunning ? await ServerOwnView.SkipNetworkingAsync(host.Live, cancellationToken).ConfigureAwait(false) : null;
        if (serverView is { } server && server != verdict.IsOn)
        {
            notes.Add($"the server's own reading ({ServerOwnView.Command}) has skip-networking {OnOff(server)}, this agent's reading has it {OnOff(verdict.IsOn)}: the server's counts");
        }

        if (commandLine.SkipNetworking == true)
        {
            notes.Add($"'{commandLine.SkipNetworkingWord!.Text}' on the server's command line ({ServiceCommand.Where(commandLine.SkipNetworkingWord)}) turns networking off whatever the option files say");
        }

        if (commandLine.SkipNetworking ?? serverView ?? verdict.IsOn)
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

            // The option files are right; what still listens was started before they were, or
            // is a socket unit that listens for the server.
            var actions = live.Changes.IsEmpty ? [UnitAction.Restart(options.Unit)] : live.Actions;
            var why = live.Changes.IsEmpty ? "skip-networking is in force in the option files: the server was not restarted since" : "skip-networking is in force in the option files; a socket unit listens for the server";
            return new Plan(RuleName, live.Changes, actions, [.. notes, why]) { Evidence = live.AllEvidence };
        }

        if (verdict.IsOn)
        {
            // Nothing to edit that this agent can see; a person must look at what the server reads.
            return new Plan(RuleName, [], [], [.. notes]) { Evidence = [.. live.AllEvidence, $"the server's own reading of its option files ({ServerOwnView.Command}) has skip-networking off"] };
        }

        var edits = SkipNetworkingPlanner.Plan(chain, options.SeedOn(host.Files));
        if (host.Live.IsRunning && live.IsClean)
        {
            // The running server is off the network already (it started before the files were
            // undone): putting them back is enough; restarting a database is not done lightly.
            return new Plan(RuleName, [.. edits], [], [.. notes, "the running server has no TCP listener; the option files are put back without a restart"]);
        }

        return new Plan(RuleName, [.. edits, .. live.Changes], [.. live.Actions, UnitAction.Restart(options.Unit)], [.. notes]) { Evidence = live.AllEvidence };
    }

    /// <summary>
    /// An argument that turns networking back on, or that makes the server read other option
    /// files, sits in someone's unit file or drop-in: the option files cannot outvote it, and
    /// the agent does not edit it.
    /// </summary>
    private void RefuseCommandLineOverrides(MariaDbCommandLine commandLine)
    {
        List<string> findings =
        [
            .. commandLine.ChainChangers.Select(word => $"'{word.Text}' ({ServiceCommand.Where(word)}) makes the server read other option files than the chain the agent hardens; remove it there"),
            .. commandLine.SkipNetworking == false ? [$"'{commandLine.SkipNetworkingWord!.Text}' ({ServiceCommand.Where(commandLine.SkipNetworkingWord)}) turns networking back on after every option file; remove it there"] : Array.Empty<string>(),
        ];
        if (findings.Count > 0)
        {
            throw new Errors.SettingElsewhereException(options.Unit, findings);
        }
    }

    /// <summary>The last <c>port=</c> a server group sets.</summary>
    private static int? ChainPort(OptionFileChain chain) =>
        chain.Options.LastOrDefault(option => option.Name == "port" && ServerGroups.IsReadByServer(option.Group)) is { Value: { } value }
            && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : null;

    private static string OnOff(bool on) => on ? "on" : "off";

    /// <inheritdoc/>
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
}
