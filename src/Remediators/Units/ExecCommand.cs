using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// One <c>ExecStart=</c> command before variable expansion: its prefix characters
/// (<c>-</c>, <c>@</c>, <c>:</c>, <c>+</c>, <c>!</c>, <c>!!</c>) and its words, unquoted and
/// with specifiers expanded as systemd does when it loads the unit (so as D-Bus shows them).
/// <see cref="Words"/>[0] is the program; with <c>@</c>, <see cref="Words"/>[1] is the argv[0] it gets.
/// </summary>
public sealed record ExecCommand(string Prefixes, ImmutableArray<string> Words, SettingSource Source)
{
    /// <summary>The program systemd executes (never variable-expanded).</summary>
    public string Executable => Words[0];

    /// <summary>The <c>@</c> prefix: the second word is argv[0], not an argument.</summary>
    public bool SetsArgv0 => Prefixes.Contains('@', StringComparison.Ordinal);

    /// <summary>The <c>-</c> prefix: a failing exit status counts as success.</summary>
    public bool IgnoresFailure => Prefixes.Contains('-', StringComparison.Ordinal);

    /// <summary>False with the <c>:</c> prefix, which turns off <c>$VAR</c> expansion.</summary>
    public bool ExpandsVariables => !Prefixes.Contains(':', StringComparison.Ordinal);

    /// <summary>The argv as written: argv[0] (the program, or the <c>@</c> word) and the arguments.</summary>
    public ImmutableArray<string> Argv => SetsArgv0 ? Words[1..] : Words;

    /// <summary>What could not be read offline in this command (a specifier such as <c>%H</c>), naming file and line.</summary>
    public ImmutableArray<string> Problems { get; init; } = [];
}
