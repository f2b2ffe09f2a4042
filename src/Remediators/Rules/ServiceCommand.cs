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

    private ServiceCommand(UnitDefinition definition, ExecCommand command, ImmutableArray<CommandWord> words, ImmutableArray<string> notes)
    {
        Definition = definition;
        Command = command;
        Words = words;
        Notes = notes;
    }

    public UnitDefinition Definition { get; }

    /// <summary>The ExecStart= line systemd runs (the last one: a service that is not oneshot has one).</summary>
    public ExecCommand Command { get; }

    /// <summary>argv as the program receives it, argv[0] first.</summary>
    public ImmutableArray<CommandWord> Words { get; }

    /// <summary>What a person should know about how this was read.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>argv[0]'s file name.</summary>
    public string Program => Words.IsEmpty ? "" : Path.GetFileName(Words[0].Text);

    /// <summary>The unit's files, fragment first, for watching and for messages.</summary>
    public ImmutableArray<string> Files => [.. Definition.Files.FragmentPath is { } fragment ? [fragment] : Array.Empty<string>(), .. Definition.Files.DropInPaths];

    /// <summary>The service's command, or <c>null</c> when there is no unit with an ExecStart= to read.</summary>
    public static async Task<ServiceCommand?> ReadAsync(ApplianceHost host, string unit, CancellationToken cancellationToken)
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
            set = UnitFileLocator.Locate(host.Files, unit);
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
        notes.AddRange(expanded.Problems);
        return new ServiceCommand(definition, command, expanded.Words, notes.ToImmutable());
    }

    /// <summary>
    /// What to watch so that a change to how systemd runs <paramref name="unit"/> is seen: its
    /// unit file and drop-ins where the search order finds them now, its environment files,
    /// and the entries of its drop-in directory in /etc (a new drop-in lands there).
    /// </summary>
    public static IEnumerable<WatchedPath> WatchedPaths(RootedFileSystem files, string unit)
    {
        var set = UnitFileLocator.Locate(files, unit);
        yield return new WatchedPath(AppliancePath.Combine(UnitDirectory, unit + ".d"), WatchScope.Entries);
        if (set.FragmentPath is { } fragment)
        {
            yield return new WatchedPath(fragment, WatchScope.Node);
        }

        foreach (var dropIn in set.DropInPaths)
        {
            yield return new WatchedPath(dropIn, WatchScope.Node);
        }

        if (!set.IsMasked && (set.FragmentPath is not null || !set.DropInPaths.IsEmpty))
        {
            foreach (var environmentFile in UnitDefinition.Read(files, set).EnvironmentFiles)
            {
                yield return new WatchedPath(environmentFile.Path, WatchScope.Node);
            }
        }
    }

    /// <summary>Where a word came from, for a person: "ExecStart= at /etc/…/zz.conf:3".</summary>
    public static string Where(CommandWord word) => word.Origin switch
    {
        WordOrigin.ExecStart => $"ExecStart= at {word.Source}",
        WordOrigin.Environment => $"Environment= at {word.Source}",
        _ => $"{word.Source}",
    };
}
