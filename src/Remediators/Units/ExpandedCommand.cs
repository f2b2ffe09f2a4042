using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// The argv systemd will execute for one <c>ExecStart=</c> command (argv[0] first), every
/// word with where its text came from, and what keeps the expansion from being certain.
/// </summary>
public sealed record ExpandedCommand(ImmutableArray<CommandWord> Words, ImmutableArray<string> Problems)
{
    /// <summary>The program executed (differs from argv[0] with the <c>@</c> prefix).</summary>
    public string Executable { get; init; } = "";

    /// <summary>
    /// Variables the command uses that the unit's files do not set: expanded to nothing here,
    /// and by systemd too unless the manager sets them itself (<c>$USER</c> from <c>User=</c> ...).
    /// </summary>
    public ImmutableArray<string> UnsetVariables { get; init; } = [];
}
