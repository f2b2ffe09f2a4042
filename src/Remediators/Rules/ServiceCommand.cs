using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>
/// The command systemd will run for a service, word by word, each word with the file and line
/// it came from. On a live system the files are those systemd says it loaded (its
/// <c>FragmentPath</c> and <c>DropInPaths</c>); in an image, those its search order finds.
/// </summary>
internal sealed class ServiceCommand
{
    private const string UnitDirectory = "/etc/systemd/system";

    private ServiceCommand(UnitDefinition definition, ExecCommand command, ExpandedCommand expanded, ImmutableArray<string> notes)
    {
        Definition = definition;
        Command = command;
        Words = expanded.Words;
        Program = Path.GetFileName(expanded.Executable);
        Notes = notes;
    }

    public UnitDefinition Definition { get; }

    /// <summary>The ExecStart= line systemd runs (the last one: a service that is not oneshot has one).</summary>
    public ExecCommand Command { get; }

    /// <summary>argv as the program receives it, argv[0] first.</summary>
    public ImmutableArray<CommandWord> Words { get; }

    /// <summary>What a person should know about how this was read.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>The file name of the program systemd executes (with an <c>@</c> prefix, argv[0] is another name).</summary>
    public string Program { get; }

    /// <summary>The unit's files, fragment first, for watching and for messages.</summary>
    public ImmutableArray<string> Files => [.. Definition.Files.FragmentPath is { } fragment ? [fragment] : Array.Empty<string>(), .. Definition.Files.DropInPaths];

    /// <summary>The service's command, or <c>null</c> when there is no unit with an ExecStart= to read.</summary>
    /// <param name="host">The appliance.</param>
    /// <param name="unit">The service.</param>
    /// <param name="search">The pass's reading of the unit directories, shared with its other questions.</param>
    /// <param name="cancellationToken">Ends the questions to systemd.</param>
    public static async Task<ServiceCommand?> ReadAsync(ApplianceHost host, string unit, UnitSearch search, CancellationToken cancellationToken)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        UnitFileSet set;
        if (host.Live.IsRunning)
        {
            var state = await host.Live.UnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
            if (state.LoadState is not ("loaded" or "masked"))
            {
                return null;
            }

            set = new UnitFileSet(unit, state.FragmentPath.Length == 0 ? null : state.FragmentPath, [.. state.DropInPaths], state.LoadState == "masked");
            if (state.NeedDaemonReload)
            {
                notes.Add($"{unit}'s files changed since systemd read them; judged by the files, which systemd re-reads before the agent restarts it");
            }
        }
        else
        {
            set = search.Locate(unit);
        }

        if (set.IsMasked || set.FragmentPath is null && set.DropInPaths.IsEmpty)
        {
            return null;
        }

        var definition = UnitDefinition.Read(host.Files, set);
        if (definition.ExecStart.IsEmpty)
        {
            return null;
        }

        var command = definition.ExecStart[^1];
        var expanded = CommandExpansion.Expand(host.Files, definition, command);
        notes.AddRange(definition.Problems);
        notes.AddRange(expanded.Problems);
        return new ServiceCommand(definition, command, expanded, notes.ToImmutable());
    }

    /// <summary>
    /// What to watch so that a change to how systemd runs <paramref name="unit"/> is seen: its
    /// unit file and drop-ins where the search order finds them now, its environment files,
    /// and the entries of its drop-in directory in /etc (a new drop-in lands there).
    /// </summary>
    public static IReadOnlyList<WatchedPath> WatchedPaths(RootedFileSystem files, string unit)
    {
        List<WatchedPath> paths = [new WatchedPath(AppliancePath.Combine(UnitDirectory, unit + ".d"), WatchScope.Entries)];
        try
        {
            var set = UnitFileLocator.Locate(files, unit);
            paths.AddRange(set.Paths.Select(path => new WatchedPath(path, WatchScope.Node)));
            if (!set.IsMasked && set.Paths.Any())
            {
                paths.AddRange(UnitDefinition.Read(files, set).EnvironmentFiles.Select(file => new WatchedPath(file.Path, WatchScope.Node)));
            }
        }
        catch (Errors.HardeningException)
        {
            // Files that cannot be read safely are the next pass's finding; their directory is still watched.
        }

        return paths;
    }

    /// <summary>Where a word came from, for a person: "ExecStart= at /etc/…/zz.conf:3".</summary>
    public static string Where(CommandWord word) => word.Origin switch
    {
        WordOrigin.ExecStart => $"ExecStart= at {word.Source}",
        WordOrigin.Environment => $"Environment= at {word.Source}",
        _ => $"{word.Source}",
    };
}
