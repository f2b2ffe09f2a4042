namespace CloudSharkHardening.Remediators.Formats.Sysconfig;

/// <summary>
/// Cuts an environment file into entries with systemd's own state machine (env-file.c): a
/// quote may run over several lines, a backslash continues a value onto the next line, and
/// only a newline outside a value ends an entry. Comments end at their newline (systemd 254
/// and later; <see cref="SysconfigLine.SwallowsNextLine"/> covers older versions).
/// </summary>
internal static class SysconfigScanner
{
    private enum State
    {
        PreKey,
        Key,
        PreValue,
        Value,
        ValueEscape,
        SingleQuoted,
        DoubleQuoted,
        DoubleQuotedEscape,
        Comment,
    }

    public static List<SysconfigLine> Scan(string text)
    {
        var lines = new List<SysconfigLine>();
        var state = State.PreKey;
        var start = 0;
        var number = 1;
        for (var index = 0; index < text.Length; index++)
        {
            var before = state;
            state = Next(state, text[index]);
            if (text[index] == '\n' && state == State.PreKey)
            {
                var entry = text[start..(index + 1)];
                lines.Add(Line(number, entry, KindOf(before), openAtEndOfFile: false));
                number += entry.Count(c => c == '\n');
                start = index + 1;
            }
        }

        if (start < text.Length)
        {
            var entry = text[start..];
            var open = state is State.ValueEscape or State.SingleQuoted or State.DoubleQuoted or State.DoubleQuotedEscape
                || (state == State.Value && entry.EndsWith('\n'));
            lines.Add(Line(number, entry, KindOf(state), open));
        }

        return lines;
    }

    private static State Next(State state, char c) => state switch
    {
        State.PreKey => c switch
        {
            '#' or ';' => State.Comment,
            ' ' or '\t' or '\n' => State.PreKey,
            _ => State.Key,
        },
        State.Key => c switch
        {
            '\n' => State.PreKey,
            '=' => State.PreValue,
            _ => State.Key,
        },
        State.PreValue => c switch
        {
            '\n' => State.PreKey,
            '\'' => State.SingleQuoted,
            '"' => State.DoubleQuoted,
            '\\' => State.ValueEscape,
            ' ' or '\t' => State.PreValue,
            _ => State.Value,
        },
        State.Value => c switch
        {
            '\n' => State.PreKey,
            '\\' => State.ValueEscape,
            _ => State.Value,
        },
        State.ValueEscape => State.Value,
        State.SingleQuoted => c == '\'' ? State.PreValue : State.SingleQuoted,
        State.DoubleQuoted => c switch
        {
            '"' => State.PreValue,
            '\\' => State.DoubleQuotedEscape,
            _ => State.DoubleQuoted,
        },
        State.DoubleQuotedEscape => State.DoubleQuoted,
        _ => c == '\n' ? State.PreKey : State.Comment,
    };

    /// <summary>The kind of an entry, from the state it was in when it ended.</summary>
    private static SysconfigLineKind KindOf(State state) => state switch
    {
        State.PreKey => SysconfigLineKind.Blank,
        State.Comment => SysconfigLineKind.Comment,
        State.Key => SysconfigLineKind.Ignored,
        _ => SysconfigLineKind.Assignment,
    };

    private static SysconfigLine Line(int number, string text, SysconfigLineKind kind, bool openAtEndOfFile) =>
        new(number, text, kind, kind == SysconfigLineKind.Assignment ? SysconfigAssignment.Parse(text, openAtEndOfFile) : null, openAtEndOfFile);
}
