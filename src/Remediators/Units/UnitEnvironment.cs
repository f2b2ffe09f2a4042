using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// The variables a unit's own settings give its commands, built in systemd's order
/// (systemd.exec(5), "Environment Variables in Spawned Processes"): <c>Environment=</c>
/// assignments, then the <c>EnvironmentFile=</c> files in order, which override them, then
/// <c>UnsetEnvironment=</c>. Variables the manager adds itself (<c>$USER</c> from
/// <c>User=</c>, <c>DefaultEnvironment=</c>, <c>PassEnvironment=</c>) are not known from the
/// unit's files and are absent here.
/// </summary>
public sealed class UnitEnvironment
{
    private UnitEnvironment(ImmutableDictionary<string, EffectiveVariable> variables, ImmutableArray<string> problems)
    {
        Variables = variables;
        Problems = problems;
    }

    public ImmutableDictionary<string, EffectiveVariable> Variables { get; }

    /// <summary>
    /// What makes the environment differ from what the files say or stops the service: a
    /// missing required file (systemd then refuses to start it), a wildcard not evaluated here,
    /// ignored lines of the unit and of the files.
    /// </summary>
    public ImmutableArray<string> Problems { get; }

    public static UnitEnvironment Read(RootedFileSystem files, UnitDefinition unit)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(unit);
        var variables = new Dictionary<string, EffectiveVariable>(StringComparer.Ordinal);
        var problems = new List<string>(unit.EnvironmentProblems);
        foreach (var assignment in unit.Environment)
        {
            variables[assignment.Name] = new EffectiveVariable(assignment.Name, assignment.Value, assignment.Source, WordOrigin.Environment);
        }

        foreach (var reference in unit.EnvironmentFiles)
        {
            if (reference.Path.AsSpan().IndexOfAny("*?[") >= 0)
            {
                problems.Add($"{reference.Source}: EnvironmentFile= {reference.Path} is a wildcard pattern, which is not evaluated here; the variables of the files it matches are missing");
                continue;
            }

            if (EnvironmentFileReader.Read(files, reference.Path) is not { } content)
            {
                if (!reference.Optional)
                {
                    problems.Add($"{reference.Source}: the environment file {reference.Path} does not exist; systemd refuses to start the unit's commands without it");
                }

                continue;
            }

            problems.AddRange(content.Problems);
            foreach (var assignment in content.Assignments)
            {
                variables[assignment.Name] = new EffectiveVariable(assignment.Name, assignment.Value, assignment.Source, WordOrigin.EnvironmentFile);
            }
        }

        foreach (var variable in variables.Values.ToList())
        {
            if (unit.UnsetEnvironment.Any(unset => unset.Removes(variable.Name, variable.Value)))
            {
                variables.Remove(variable.Name);
            }
        }

        return new UnitEnvironment(variables.ToImmutableDictionary(StringComparer.Ordinal), [.. problems]);
    }
}
