using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Formats.UnitFile;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Applies the settings of a unit's files in order, as systemd's load-fragment.c parsers do:
/// list settings append, and an empty assignment resets the list so far (an empty
/// <c>ListenStream=</c> resets every <c>Listen…=</c>, systemd.socket(5)). Lines systemd
/// ignores with a warning are noted as problems naming file and line.
/// </summary>
internal sealed class UnitSettingsReader(UnitName unit)
{
    private const UnitFileWordSyntax AssignmentSyntax = UnitFileWordSyntax.Unquote | UnitFileWordSyntax.CEscapes;

    private static readonly ImmutableDictionary<string, string> ListenKinds = new Dictionary<string, string>
    {
        ["ListenStream"] = "Stream",
        ["ListenDatagram"] = "Datagram",
        ["ListenSequentialPacket"] = "SequentialPacket",
        ["ListenFIFO"] = "FIFO",
        ["ListenSpecial"] = "Special",
        ["ListenNetlink"] = "Netlink",
        ["ListenMessageQueue"] = "MessageQueue",
        ["ListenUSBFunction"] = "USBFunction",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private readonly Specifiers _specifiers = new(unit);

    /// <summary>The section whose <c>Environment=</c> and friends count: the unit type's own.</summary>
    private readonly string? _execSection = unit.Type switch
    {
        "service" => "Service",
        "socket" => "Socket",
        "mount" => "Mount",
        "swap" => "Swap",
        _ => null,
    };

    public List<ExecCommand> ExecStart { get; } = [];

    public List<EnvironmentAssignment> Environment { get; } = [];

    public List<EnvironmentFileReference> EnvironmentFiles { get; } = [];

    public List<EnvironmentUnset> UnsetEnvironment { get; } = [];

    public List<ListenDirective> Listens { get; } = [];

    public string? SocketService { get; private set; }

    public bool Accept { get; private set; }

    public List<string> WantedBy { get; } = [];

    public List<string> RequiredBy { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>The problems of <c>Environment=</c>, <c>EnvironmentFile=</c> and <c>UnsetEnvironment=</c> lines.</summary>
    public List<string> EnvironmentProblems { get; } = [];

    /// <summary>
    /// Applies one file. <paramref name="readInstall"/>: whether its <c>[Install]</c> section
    /// counts (systemctl reads it from the fragment and the unit's own and template drop-ins only).
    /// </summary>
    public void Read(TextFile file, bool readInstall)
    {
        foreach (var statement in UnitFileDocument.Parse(file.Text).Statements)
        {
            var source = new SettingSource(file.Path, statement.FirstLine + 1);
            if (statement.Kind == UnitFileStatementKind.InvalidSectionHeader)
            {
                throw new UnitFileSyntaxException(source, "a section header without its closing ']'");
            }

            if (statement.Kind == UnitFileStatementKind.Assignment)
            {
                Apply(statement.Section, statement.Key, statement.Value, source, readInstall);
            }
        }
    }

    private void Apply(string? section, string key, string value, SettingSource source, bool readInstall)
    {
        if (section == "Service" && unit.Type == "service" && key == "ExecStart")
        {
            ResetOr(ExecStart, value, () => ExecStart.AddRange(ExecLine.Parse(value, source, _specifiers, Problems)));
        }
        else if (section is not null && section == _execSection && key is "Environment" or "EnvironmentFile" or "UnsetEnvironment")
        {
            ApplyEnvironment(key, value, source);
        }
        else if (section == "Socket" && unit.Type == "socket")
        {
            ApplySocket(key, value, source);
        }
        else if (section == "Install" && readInstall && key is "WantedBy" or "RequiredBy")
        {
            var list = key == "WantedBy" ? WantedBy : RequiredBy;
            ResetOr(list, value, () => list.AddRange(UnitFileWords.Split(value).Select(word => _specifiers.Expand(word, source, Problems))));
        }
    }

    private void ApplyEnvironment(string key, string value, SettingSource source)
    {
        switch (key)
        {
            case "Environment":
                ResetOr(Environment, value, () => ReadWords(value, source, word =>
                {
                    if (VariableName.TrySplitAssignment(word, out var name, out var assigned))
                    {
                        Environment.Add(new EnvironmentAssignment(name, assigned, source));
                    }
                    else
                    {
                        EnvironmentProblems.Add($"{source}: \"{word}\" is not a valid NAME=VALUE assignment; systemd ignores it");
                    }
                }));
                break;
            case "EnvironmentFile":
                ResetOr(EnvironmentFiles, value, () => AddEnvironmentFile(_specifiers.Expand(value, source, EnvironmentProblems), source));
                break;
            default:
                ResetOr(UnsetEnvironment, value, () => ReadWords(value, source, word =>
                {
                    if (VariableName.IsValid(word) || VariableName.TrySplitAssignment(word, out _, out _))
                    {
                        UnsetEnvironment.Add(new EnvironmentUnset(word, source));
                    }
                    else
                    {
                        EnvironmentProblems.Add($"{source}: \"{word}\" is neither a variable name nor an assignment; systemd ignores it");
                    }
                }));
                break;
        }
    }

    private void AddEnvironmentFile(string value, SettingSource source)
    {
        var optional = value.StartsWith('-');
        var path = optional ? value[1..] : value;
        if (AppliancePath.IsValid(path, out var problem))
        {
            EnvironmentFiles.Add(new EnvironmentFileReference(AppliancePath.Normalize(path), optional, source));
        }
        else
        {
            EnvironmentProblems.Add($"{source}: EnvironmentFile= \"{path}\" {problem}; systemd ignores it");
        }
    }

    private void ApplySocket(string key, string value, SettingSource source)
    {
        if (ListenKinds.TryGetValue(key, out var kind))
        {
            ResetOr(Listens, value, () => Listens.Add(new ListenDirective(kind, _specifiers.Expand(value, source, Problems), source)));
        }
        else if (key == "Service")
        {
            var service = _specifiers.Expand(value, source, Problems);
            if (UnitName.TryParse(service, out var name) && name.Type == "service" && name.Instance is null or { Length: > 0 })
            {
                SocketService = service;
            }
            else
            {
                Problems.Add($"{source}: Service= \"{service}\" is not the name of a service unit; systemd ignores it");
            }
        }
        else if (key == "Accept")
        {
            if (Boolean(value) is { } accept)
            {
                Accept = accept;
            }
            else
            {
                Problems.Add($"{source}: Accept= \"{value}\" is not a boolean; systemd ignores it");
            }
        }
    }

    /// <summary><c>extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)</c> in a loop: invalid syntax drops the rest of the line.</summary>
    private void ReadWords(string value, SettingSource source, Action<string> add)
    {
        var reader = new UnitFileWordReader(value);
        while (true)
        {
            var step = reader.Read(AssignmentSyntax, out var word);
            if (step == UnitFileWordStep.Invalid)
            {
                EnvironmentProblems.Add($"{source}: invalid quoting or escape; systemd ignores the rest of this line");
            }

            if (step != UnitFileWordStep.Word)
            {
                return;
            }

            add(_specifiers.Expand(word, source, EnvironmentProblems));
        }
    }

    private static void ResetOr<T>(List<T> list, string value, Action add)
    {
        if (value.Length == 0)
        {
            list.Clear();
        }
        else
        {
            add();
        }
    }

    /// <summary>systemd's <c>parse_boolean()</c>.</summary>
    private static bool? Boolean(string value) => value.ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "t" or "on" => true,
        "0" or "no" or "n" or "false" or "f" or "off" => false,
        _ => null,
    };
}
