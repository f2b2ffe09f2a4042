using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// What the files of one unit say, read in the order systemd applies them, resets applied
/// (an empty <c>ExecStart=</c>, <c>Environment=</c>, <c>EnvironmentFile=</c>,
/// <c>ListenStream=</c> ... clears the list so far). A masked unit, or one without a
/// fragment, says nothing: systemd loads nothing for it.
/// </summary>
public sealed class UnitDefinition
{
    private UnitDefinition(UnitFileSet files, UnitSettingsReader settings)
    {
        Files = files;
        ExecStart = [.. settings.ExecStart];
        Environment = [.. settings.Environment];
        EnvironmentFiles = [.. settings.EnvironmentFiles];
        UnsetEnvironment = [.. settings.UnsetEnvironment];
        Listens = [.. settings.Listens];
        SocketService = settings.SocketService;
        Accept = settings.Accept;
        WantedBy = [.. settings.WantedBy.Concat(settings.RequiredBy).Distinct(StringComparer.Ordinal)];
        EnvironmentProblems = [.. settings.EnvironmentProblems];
        Problems = [.. settings.Problems.Concat(settings.EnvironmentProblems)];
    }

    public UnitFileSet Files { get; }

    /// <summary><c>[Service] ExecStart=</c> commands, in order.</summary>
    public ImmutableArray<ExecCommand> ExecStart { get; }

    /// <summary>Every valid <c>Environment=</c> assignment, in order (a later one for the same name wins).</summary>
    public ImmutableArray<EnvironmentAssignment> Environment { get; }

    /// <summary><c>EnvironmentFile=</c> entries, in order.</summary>
    public ImmutableArray<EnvironmentFileReference> EnvironmentFiles { get; }

    /// <summary><c>UnsetEnvironment=</c> entries, applied after every other source of variables.</summary>
    public ImmutableArray<EnvironmentUnset> UnsetEnvironment { get; }

    /// <summary><c>[Socket] Listen…=</c> entries, in order.</summary>
    public ImmutableArray<ListenDirective> Listens { get; }

    /// <summary><c>[Socket] Service=</c>; <c>null</c> when not set.</summary>
    public string? SocketService { get; }

    /// <summary><c>[Socket] Accept=</c>: one service instance per connection.</summary>
    public bool Accept { get; }

    /// <summary>
    /// The service a socket unit starts: <see cref="SocketService"/>, else the socket's own
    /// name as a service (with <see cref="Accept"/>, its template, <c>foo@.service</c>);
    /// <c>null</c> for a unit that is not a socket.
    /// </summary>
    public string? TriggeredService
    {
        get
        {
            var name = UnitName.Parse(Files.Id);
            return name.Type != "socket" ? null
                : SocketService ?? (Accept ? $"{name.Prefix}@.service" : $"{name.Stem}.service");
        }
    }

    /// <summary><c>[Install] WantedBy=</c> and <c>RequiredBy=</c>: the units <c>systemctl enable</c> hooks this one into.</summary>
    public ImmutableArray<string> WantedBy { get; }

    /// <summary>Settings systemd ignores or that cannot be evaluated offline, each naming file and line.</summary>
    public ImmutableArray<string> Problems { get; }

    /// <summary>The part of <see cref="Problems"/> about the environment, which every expanded command inherits.</summary>
    internal ImmutableArray<string> EnvironmentProblems { get; }

    /// <summary>
    /// Reads the files of <paramref name="set"/> (from <see cref="UnitFileLocator.Locate"/>).
    /// A file gone since it was located is skipped, as systemd would not read it either; one
    /// systemd could not load throws a <see cref="UnitFileSyntaxException"/>.
    /// </summary>
    public static UnitDefinition Read(RootedFileSystem files, UnitFileSet set)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(set);
        var unit = UnitName.Parse(set.Id);
        var settings = new UnitSettingsReader(unit);
        if (!set.IsMasked && set.FragmentPath is not null)
        {
            foreach (var path in set.Paths)
            {
                if (files.ReadText(path) is { } file)
                {
                    settings.Read(file, readInstall: path == set.FragmentPath || IsOwnDropIn(path, unit));
                }
            }
        }

        return new UnitDefinition(set, settings);
    }

    private static bool IsOwnDropIn(string path, UnitName unit)
    {
        var directory = AppliancePath.FileName(AppliancePath.Parent(path));
        return directory == unit.Name + ".d" || directory == unit.Template + ".d";
    }
}
