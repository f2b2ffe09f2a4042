using System.Collections.Immutable;
using System.Text;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// The words of an <c>OPTIONS</c> value with the blanks before each, so that a repair changes
/// only the words it must and every other word keeps its text and spacing.
/// </summary>
internal sealed class OptionsValueWords
{
    private OptionsValueWords(ImmutableArray<(string Space, string Word)> words, string tail)
    {
        Words = words;
        Tail = tail;
    }

    public ImmutableArray<(string Space, string Word)> Words { get; }

    /// <summary>Blanks after the last word.</summary>
    public string Tail { get; }

    public IReadOnlyList<string> Texts => [.. Words.Select(word => word.Word)];

    /// <summary>Split as systemd splits an unquoted <c>$OPTIONS</c> in ExecStart: on blanks.</summary>
    public static OptionsValueWords Split(string value)
    {
        var words = ImmutableArray.CreateBuilder<(string, string)>();
        var index = 0;
        while (index < value.Length)
        {
            var start = index;
            while (index < value.Length && IsBlank(value[index]))
            {
                index++;
            }

            var wordStart = index;
            while (index < value.Length && !IsBlank(value[index]))
            {
                index++;
            }

            if (wordStart == index)
            {
                return new OptionsValueWords(words.ToImmutable(), value[start..]);
            }

            words.Add((value[start..wordStart], value[wordStart..index]));
        }

        return new OptionsValueWords(words.ToImmutable(), "");
    }

    /// <summary>The value with <paramref name="repair"/> carried out.</summary>
    public string Apply(MemcachedRepair repair)
    {
        var byFirstWord = repair.Replacements.ToDictionary(replacement => replacement.Argument.FirstWord);
        var output = new List<(string Space, string Word)>();
        for (var index = 0; index < Words.Length; index++)
        {
            if (!byFirstWord.TryGetValue(index, out var replacement))
            {
                output.Add(Words[index]);
                continue;
            }

            // Flags clustered before the option ("-v" of "-vU0") stay, as a word of their own.
            var space = Words[index].Space;
            if (replacement.Argument.ClusterPrefix.Length > 0)
            {
                output.Add((space, replacement.Argument.ClusterPrefix));
                space = " ";
            }

            if (replacement.Text is not null)
            {
                output.Add((space, replacement.Text));
            }

            index = replacement.Argument.LastWord;
        }

        foreach (var text in repair.Appended)
        {
            output.Add((output.Count == 0 ? "" : " ", text));
        }

        // A removed first option leaves no gap: the value still starts as it did.
        if (output.Count > 0 && Words.Length > 0)
        {
            output[0] = (Words[0].Space, output[0].Word);
        }

        var value = new StringBuilder();
        foreach (var (space, word) in output)
        {
            value.Append(space).Append(word);
        }

        return value.Append(Tail).ToString();
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
