using System.Text;
using CloudSharkHardening.Remediators.Formats.UnitFile;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Expands a command's variables as systemd does just before exec (systemd.service(5),
/// "Command Lines"; <c>replace_env_argv()</c>): <c>$VAR</c> alone as a word becomes the value
/// split at whitespace, quotes respected and removed (zero words when unset or empty);
/// <c>${VAR}</c> anywhere in a word is replaced by the exact value, always one word;
/// <c>$$</c> is a literal <c>$</c>; anything else (<c>$VAR</c> inside a word,
/// <c>${VAR:-default}</c>) stays as written. The <c>:</c> prefix turns expansion off.
/// </summary>
public static class CommandExpansion
{
    /// <summary>Expands <paramref name="command"/> with the environment <paramref name="unit"/>'s settings and files give it.</summary>
    public static ExpandedCommand Expand(RootedFileSystem files, UnitDefinition unit, ExecCommand command) =>
        Expand(UnitEnvironment.Read(files, unit), command);

    /// <summary>Expands <paramref name="command"/> with an environment already read (one read for several commands).</summary>
    public static ExpandedCommand Expand(UnitEnvironment environment, ExecCommand command)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<CommandWord>();
        var unset = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>(command.Problems);
        foreach (var word in command.Argv)
        {
            if (!command.ExpandsVariables)
            {
                words.Add(new CommandWord(word, command.Source, WordOrigin.ExecStart));
            }
            else if (word.StartsWith('$') && (word.Length == 1 || word[1] is not ('{' or '$')))
            {
                words.AddRange(SplitVariable(word[1..], environment, command.Source, unset, problems));
            }
            else
            {
                words.Add(Substitute(word, environment, command.Source, unset));
            }
        }

        problems.AddRange(environment.Problems);
        return new ExpandedCommand([.. words], [.. problems]) { Executable = command.Executable, UnsetVariables = [.. unset] };
    }

    private static List<CommandWord> SplitVariable(string name, UnitEnvironment environment, SettingSource line, SortedSet<string> unset, List<string> problems)
    {
        if (!VariableName.IsValid(name))
        {
            problems.Add($"{line}: \"${name}\" is not a variable reference systemd can expand; it drops this word");
            return [];
        }

        if (!environment.Variables.TryGetValue(name, out var variable))
        {
            unset.Add(name);
            return [];
        }

        var parts = new List<CommandWord>();
        var reader = new UnitFileWordReader(variable.Value);
        while (reader.Read(UnitFileWordSyntax.Unquote | UnitFileWordSyntax.Relax, out var part) == UnitFileWordStep.Word)
        {
            parts.Add(new CommandWord(part, variable.Source, variable.Origin));
        }

        return parts;
    }

    /// <summary><c>replace_env()</c> without its extended syntax: <c>${NAME}</c> and <c>$$</c> only.</summary>
    private static CommandWord Substitute(string word, UnitEnvironment environment, SettingSource line, SortedSet<string> unset)
    {
        var text = new StringBuilder();
        EffectiveVariable? contributor = null;
        var start = 0;
        var state = Scan.Word;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            switch (state)
            {
                case Scan.Word when c == '$':
                    state = Scan.Dollar;
                    break;
                case Scan.Dollar when c == '{':
                    text.Append(word, start, i - 1 - start);
                    start = i - 1;
                    state = Scan.Name;
                    break;
                case Scan.Dollar when c == '$':
                    text.Append(word, start, i - start);
                    start = i + 1;
                    state = Scan.Word;
                    break;
                case Scan.Dollar:
                    state = Scan.Word;
                    break;
                case Scan.Name when c == '}':
                    var name = word[(start + 2)..i];
                    if (environment.Variables.TryGetValue(name, out var variable))
                    {
                        text.Append(variable.Value);
                        contributor ??= variable.Value.Length > 0 ? variable : null;
                    }
                    else if (VariableName.IsValid(name))
                    {
                        unset.Add(name);
                    }

                    start = i + 1;
                    state = Scan.Word;
                    break;
                case Scan.Name when c == ':':
                    state = Scan.Word; // ${NAME:-default} is not expanded in command lines
                    break;
            }
        }

        text.Append(word, start, word.Length - start);
        return contributor is null
            ? new CommandWord(text.ToString(), line, WordOrigin.ExecStart)
            : new CommandWord(text.ToString(), contributor.Source, contributor.Origin);
    }

    private enum Scan
    {
        Word,
        Dollar,
        Name,
    }
}
