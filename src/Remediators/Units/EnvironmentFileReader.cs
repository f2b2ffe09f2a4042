using System.Text;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Reads an <c>EnvironmentFile=</c> with systemd's own state machine (env-file.c, and
/// systemd.exec(5)): <c>#</c>/<c>;</c> comments, blanks around key and unquoted value
/// dropped, a backslash keeps the next character (before a newline: continues the value),
/// <c>'…'</c> verbatim, <c>"…"</c> with shell escapes, quoted text may span lines and may be
/// followed by more text that joins the value. Names that are not valid variable names are
/// dropped, as systemd drops them. <see cref="Formats.Sysconfig.SysconfigFile"/> is the
/// editing model of these files; this is the reading one, which decodes values.
/// </summary>
/// <remarks>
/// A comment ending in a backslash swallows the next line in systemd 253 and older (EL 8, EL 9
/// and Debian 12 run 239 and 252) but not from 254 on; this reader follows the older
/// behaviour and reports every line it swallows.
/// </remarks>
public static class EnvironmentFileReader
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
        CommentEscape,
    }

    /// <summary>The file at <paramref name="path"/>, or <c>null</c> when it does not exist.</summary>
    public static EnvironmentFileContent? Read(RootedFileSystem files, string path)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.ReadText(path) is { } file ? Parse(file) : null;
    }

    public static EnvironmentFileContent Parse(TextFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var parser = new Parser(file.Path);
        var text = file.Text;
        for (var i = 0; i < text.Length; i++)
        {
            parser.Step(text, i);
        }

        parser.Finish();
        return new EnvironmentFileContent(file.Path, [.. parser.Assignments], [.. parser.Problems]);
    }

    private sealed class Parser(string path)
    {
        private readonly StringBuilder _key = new();
        private readonly StringBuilder _value = new();
        private State _state = State.PreKey;
        private int _line = 1;
        private int _keyLine;
        private int _commentLine;
        private int _keyBlanksFrom = -1;
        private int _valueBlanksFrom = -1;

        public List<EnvironmentAssignment> Assignments { get; } = [];

        public List<string> Problems { get; } = [];

        public void Step(string text, int index)
        {
            var c = text[index];
            switch (_state)
            {
                case State.PreKey:
                    if (c is '#' or ';')
                    {
                        _state = State.Comment;
                        _commentLine = _line;
                    }
                    else if (!IsBlank(c))
                    {
                        _state = State.Key;
                        _keyLine = _line;
                        _key.Clear().Append(c);
                        _keyBlanksFrom = -1;
                    }

                    break;
                case State.Key:
                    if (IsNewline(c))
                    {
                        _state = State.PreKey; // a line without '=' is ignored
                    }
                    else if (c == '=')
                    {
                        _state = State.PreValue;
                        _value.Clear();
                        _valueBlanksFrom = -1;
                    }
                    else
                    {
                        _keyBlanksFrom = IsBlank(c) ? (_keyBlanksFrom < 0 ? _key.Length : _keyBlanksFrom) : -1;
                        _key.Append(c);
                    }

                    break;
                case State.PreValue:
                    if (IsNewline(c))
                    {
                        Push();
                    }
                    else if (c is '\'' or '"' or '\\')
                    {
                        _state = c == '\'' ? State.SingleQuoted : c == '"' ? State.DoubleQuoted : State.ValueEscape;
                    }
                    else if (!IsBlank(c))
                    {
                        _state = State.Value;
                        _value.Append(c);
                    }

                    break;
                case State.Value:
                    if (IsNewline(c))
                    {
                        TrimValue();
                        Push();
                    }
                    else if (c == '\\')
                    {
                        _state = State.ValueEscape;
                        _valueBlanksFrom = -1;
                    }
                    else
                    {
                        _valueBlanksFrom = IsBlank(c) ? (_valueBlanksFrom < 0 ? _value.Length : _valueBlanksFrom) : -1;
                        _value.Append(c);
                    }

                    break;
                case State.ValueEscape:
                    _state = State.Value;
                    if (!IsNewline(c))
                    {
                        _value.Append(c);
                    }

                    break;
                case State.SingleQuoted:
                    if (c == '\'')
                    {
                        _state = State.PreValue;
                    }
                    else
                    {
                        _value.Append(c);
                    }

                    break;
                case State.DoubleQuoted:
                    if (c == '"')
                    {
                        _state = State.PreValue;
                    }
                    else if (c == '\\')
                    {
                        _state = State.DoubleQuotedEscape;
                    }
                    else
                    {
                        _value.Append(c);
                    }

                    break;
                case State.DoubleQuotedEscape:
                    _state = State.DoubleQuoted;
                    if (c is '"' or '\\' or '`' or '$')
                    {
                        _value.Append(c);
                    }
                    else if (c != '\n')
                    {
                        _value.Append('\\').Append(c); // kept as a shell keeps it
                    }

                    break;
                case State.Comment:
                    if (c == '\\')
                    {
                        _state = State.CommentEscape;
                    }
                    else if (IsNewline(c))
                    {
                        _state = State.PreKey;
                    }

                    break;
                default:
                    _state = State.Comment;
                    if (c == '\n')
                    {
                        NoteSwallowedLine(text, index + 1);
                    }

                    break;
            }

            if (c == '\n')
            {
                _line++;
            }
        }

        public void Finish()
        {
            if (_state is State.Value)
            {
                TrimValue();
            }

            if (_state is State.PreValue or State.Value or State.ValueEscape or State.SingleQuoted or State.DoubleQuoted or State.DoubleQuotedEscape)
            {
                Push();
            }
        }

        private void TrimValue()
        {
            if (_valueBlanksFrom >= 0)
            {
                _value.Length = _valueBlanksFrom;
            }
        }

        private void Push()
        {
            _state = State.PreKey;
            var name = _keyBlanksFrom >= 0 ? _key.ToString(0, _keyBlanksFrom) : _key.ToString();
            var source = new SettingSource(path, _keyLine);
            if (VariableName.IsValid(name))
            {
                Assignments.Add(new EnvironmentAssignment(name, _value.ToString(), source));
            }
            else
            {
                Problems.Add($"{source}: \"{name}\" is not a valid variable name; systemd ignores this assignment");
            }
        }

        private void NoteSwallowedLine(string text, int start)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text[start..] : text[start..end];
            if (line.Trim(" \t").Length > 0)
            {
                Problems.Add($"{path}:{_line + 1}: read as part of the comment on line {_commentLine}, which ends in a backslash (systemd 253 and older; 254 and later read it as a line of its own)");
            }
        }

        private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';

        private static bool IsNewline(char c) => c is '\n' or '\r';
    }
}
