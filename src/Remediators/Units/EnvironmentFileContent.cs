using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// What systemd takes from one environment file: its valid assignments in file order (a
/// later one for the same name wins), and what a person should know about the rest.
/// </summary>
public sealed record EnvironmentFileContent(string Path, ImmutableArray<EnvironmentAssignment> Assignments, ImmutableArray<string> Problems)
{
    /// <summary>The assignment systemd keeps for <paramref name="name"/>: the last; <c>null</c> if none.</summary>
    public EnvironmentAssignment? Find(string name) => Assignments.LastOrDefault(assignment => assignment.Name == name);
}
