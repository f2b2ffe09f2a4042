using CloudSharkHardening.Remediators.Formats.UnitFile;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// The value of one <c>ExecStart=</c> line as systemd 252's <c>config_parse_exec()</c> reads
/// it: words unquoted with C escapes, prefixes on the first word, <c>;</c> between commands
/// (<c>\;</c> a literal semicolon), specifiers expanded. A line systemd ignores (unbalanced
/// quotes, no program) adds a problem and no command.
/// </summary>
internal static class ExecLine
{
    private const UnitFileWordSyntax Syntax = UnitFileWordSyntax.Unquote | UnitFileWordSyntax.CEscapes;

    public static IReadOnlyList<ExecCommand> Parse(string value, SettingSource source, Specifiers specifiers, ICollection<string> problems)
    {
        var commands = new List<ExecCommand>();
        var reader = new UnitFileWordReader(value);
        bool another;
        do
        {
            another = false;
            if (!TryReadWord(reader, source, problems, out var first))
            {
                break;
            }

            if (first == ";")
            {
                another = true;
                continue;
            }

            var prefixes = Prefixes(first);
            var commandProblems = new List<string>();
            var path = specifiers.Expand(first[prefixes.Length..], source, commandProblems);
            if (path.Length == 0 || path.EndsWith('/') || (path[0] != '/' && path.Contains('/', StringComparison.Ordinal)))
            {
                problems.Add($"{source}: \"{path}\" is neither an absolute path nor a program name; systemd ignores this line");
                break;
            }

            var words = new List<string> { path };
            while (!reader.AtEnd)
            {
                var rest = reader.Remaining;
                if (IsSeparatorWord(rest, ";"))
                {
                    reader.Skip(1);
                    another = true;
                    break;
                }

                if (IsSeparatorWord(rest, "\\;"))
                {
                    reader.Skip(2);
                    words.Add(";");
                    continue;
                }

                if (!TryReadWord(reader, source, problems, out var word))
                {
                    return commands;
                }

                words.Add(specifiers.Expand(word, source, commandProblems));
            }

            if (prefixes.Contains('@', StringComparison.Ordinal) && words.Count < 2)
            {
                problems.Add($"{source}: the '@' prefix needs an argv[0] after the program; systemd ignores this line");
                break;
            }

            commands.Add(new ExecCommand(prefixes, [.. words], source) { Problems = [.. commandProblems] });
        }
        while (another);

        return commands;
    }

    /// <summary>
    /// systemd's prefix loop: each of <c>-</c>, <c>@</c>, <c>:</c> once, then one of <c>+</c>,
    /// <c>!</c>, <c>!!</c>; the first character that does not fit starts the path.
    /// </summary>
    private static string Prefixes(string word)
    {
        var seen = "";
        foreach (var c in word)
        {
            var fits = c switch
            {
                '-' or '@' or ':' => !seen.Contains(c, StringComparison.Ordinal),
                '+' => !seen.Contains('+', StringComparison.Ordinal) && !seen.Contains('!', StringComparison.Ordinal),
                '!' => !seen.Contains('+', StringComparison.Ordinal) && seen.Count(mark => mark == '!') < 2,
                _ => false,
            };
            if (!fits)
            {
                break;
            }

            seen += c;
        }

        return seen;
    }

    private static bool IsSeparatorWord(string rest, string word) =>
        rest.StartsWith(word, StringComparison.Ordinal) && (rest.Length == word.Length || UnitFileWordReader.IsSeparator(rest[word.Length]));

    /// <summary>
    /// <c>extract_first_word_and_warn()</c>: an unknown escape is kept verbatim on a second
    /// read; unbalanced quoting makes systemd ignore the line from here on.
    /// </summary>
    private static bool TryReadWord(UnitFileWordReader reader, SettingSource source, ICollection<string> problems, out string word)
    {
        var step = reader.Read(Syntax, out word);
        if (step == UnitFileWordStep.Invalid)
        {
            step = reader.Read(Syntax | UnitFileWordSyntax.KeepUnknownEscapes, out word);
        }

        if (step == UnitFileWordStep.Invalid)
        {
            problems.Add($"{source}: unbalanced quoting; systemd ignores this command");
        }

        return step == UnitFileWordStep.Word;
    }
}
