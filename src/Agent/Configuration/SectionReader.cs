using System.Collections.Immutable;
using System.Text.Json;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>
/// Reads one JSON object of the configuration, recording every problem against its field
/// instead of stopping at the first, and every key it did not expect.
/// </summary>
internal sealed class SectionReader
{
    private readonly JsonElement _element;
    private readonly List<ConfigError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SectionReader(JsonElement element, string path, List<ConfigError> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public IEnumerable<string> Keys => _element.EnumerateObject().Select(p => p.Name);

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(string key, string problem) => _errors.Add(new ConfigError(Field(key), problem));

    public string? String(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(key, $"must be a string, not {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    public ImmutableArray<string>? Strings(string key) =>
        List(key, "strings", "a string", item => item.ValueKind == JsonValueKind.String ? (true, item.GetString()!) : (false, ""));

    public int? Integer(string key, int minimum, int maximum)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < minimum || number > maximum)
        {
            Error(key, $"must be a whole number from {minimum} to {maximum}, not {Describe(value)}");
            return null;
        }

        return number;
    }

    public ImmutableArray<int>? Integers(string key, int minimum, int maximum) =>
        List(
            key,
            "whole numbers",
            $"a whole number from {minimum} to {maximum}",
            item => item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number) && number >= minimum && number <= maximum ? (true, number) : (false, 0));

    public SectionReader? Section(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(key, $"must be an object, not {Describe(value)}");
            return null;
        }

        return new SectionReader(value, Field(key), _errors);
    }

    /// <summary>Reports every key nobody read: a misspelt setting must not be silently ignored.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var key in Keys.Where(k => !_read.Contains(k)))
        {
            Error(key, "unknown setting");
        }
    }

    /// <summary>A list whose every item <paramref name="read"/> accepts; each item it refuses is an error of its own.</summary>
    private ImmutableArray<T>? List<T>(string key, string listOf, string itemMustBe, Func<JsonElement, (bool Ok, T Value)> read)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(key, $"must be a list of {listOf}, not {Describe(value)}");
            return null;
        }

        var items = ImmutableArray.CreateBuilder<T>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var (ok, parsed) = read(item);
            if (ok)
            {
                items.Add(parsed);
            }
            else
            {
                _errors.Add(new ConfigError($"{Field(key)}[{index}]", $"must be {itemMustBe}, not {Describe(item)}"));
            }

            index++;
        }

        return items.ToImmutable();
    }

    private bool TryGet(string key, out JsonElement value)
    {
        _read.Add(key);
        return _element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
