using System.Text;
using System.Text.Json;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>
/// Finds keys set twice in one JSON object, at any depth. JsonDocument keeps both and answers
/// with the last, so a setting typed twice would silently lose its first value; this pass
/// reads the same text with the same options and names every repeat with its lines.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>One error per repeated key; <paramref name="text"/> must already have parsed with <paramref name="options"/>.</summary>
    public static List<ConfigError> Find(string text, JsonReaderOptions options)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, options);
        var lines = new LineCounter(bytes);
        var open = new Stack<Container>();
        var errors = new List<ConfigError>();
        string? key = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    key = reader.GetString()!;
                    var line = lines.LineAt(reader.TokenStartIndex);
                    var keys = open.Peek().Keys!;
                    if (!keys.TryAdd(key, line))
                    {
                        errors.Add(new ConfigError(Join(open.Peek().Path, key), $"is set more than once, on line {keys[key]} and again on line {line}; only the last would count, so keep one"));
                    }

                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var path = open.TryPeek(out var parent) ? parent.ChildPath(key) : "";
                    open.Push(new Container(path, reader.TokenType == JsonTokenType.StartObject));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.Pop();
                    break;
                default:
                    // A plain value: in a list it takes up an index.
                    _ = open.Peek().ChildPath(key);
                    break;
            }
        }

        return errors;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>An object (its keys and their lines) or a list (the index of its next item), named by its path.</summary>
    private sealed class Container(string path, bool isObject)
    {
        private int _nextIndex;

        public string Path { get; } = path;

        public Dictionary<string, int>? Keys { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public string ChildPath(string? key) => Keys is null ? $"{Path}[{_nextIndex++}]" : Join(Path, key!);
    }

    /// <summary>1-based line numbers of byte offsets, asked in increasing order.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private int _offset;
        private int _line = 1;

        public int LineAt(long offset)
        {
            for (; _offset < offset; _offset++)
            {
                if (bytes[_offset] == (byte)'\n')
                {
                    _line++;
                }
            }

            return _line;
        }
    }
}
