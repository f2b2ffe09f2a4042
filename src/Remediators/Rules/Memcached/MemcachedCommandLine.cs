using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// memcached's argument words read the way GNU getopt_long reads them: short clusters
/// (<c>-vU0</c>), attached or separate arguments, <c>--name=value</c> and <c>--name value</c>,
/// abbreviated long names, words that are not options skipped (getopt permutes them), and
/// nothing after <c>--</c>.
/// </summary>
internal sealed class MemcachedCommandLine
{
    private MemcachedCommandLine(ImmutableArray<MemcachedArgument> arguments, string? appendBlocker)
    {
        Arguments = arguments;
        AppendBlocker = appendBlocker;
    }

    public ImmutableArray<MemcachedArgument> Arguments { get; }

    /// <summary>
    /// Why an option appended after these words would not reach memcached as an option
    /// (<c>--</c> ended the options, or a last option waits for its value); <c>null</c> if it would.
    /// </summary>
    public string? AppendBlocker { get; }

    public static MemcachedCommandLine Parse(IReadOnlyList<string> words)
    {
        var arguments = ImmutableArray.CreateBuilder<MemcachedArgument>();
        for (var index = 0; index < words.Count; index++)
        {
            var word = words[index];
            if (word == "--")
            {
                return new MemcachedCommandLine(arguments.ToImmutable(), "'--' ends memcached's options before the end, so an option added there would be ignored");
            }

            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var argument = ParseLong(words, index);
                arguments.Add(argument);
                index = argument.LastWord;
            }
            else if (word.Length > 1 && word[0] == '-')
            {
                index = ParseShortCluster(words, index, arguments);
            }
        }

        var dangling = arguments.Count > 0 && arguments[^1] is { MissingValue: true } last
            && last.Letter is not (MemcachedArgument.Listen or MemcachedArgument.UdpPort)
                ? $"the last option, '{words[last.FirstWord]}', lacks its value and would take an option added after it as that value"
                : null;
        return new MemcachedCommandLine(arguments.ToImmutable(), dangling);
    }

    private static MemcachedArgument ParseLong(IReadOnlyList<string> words, int index)
    {
        var body = words[index][2..];
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? body : body[..equals];
        var attached = equals < 0 ? null : body[(equals + 1)..];
        if (!MemcachedOptionTable.TryFindLong(name, out var letter, out var kind))
        {
            return new MemcachedArgument(MemcachedArgument.Unknown, index, index, "", attached);
        }

        return kind switch
        {
            MemcachedOptionTable.LongArgument.Required when attached is not null => new MemcachedArgument(letter, index, index, "", attached),
            MemcachedOptionTable.LongArgument.Required when index + 1 < words.Count => new MemcachedArgument(letter, index, index + 1, "", words[index + 1]),
            MemcachedOptionTable.LongArgument.Required => new MemcachedArgument(letter, index, index, "", null) { MissingValue = true },
            MemcachedOptionTable.LongArgument.Optional => new MemcachedArgument(letter, index, index, "", attached),
            _ => new MemcachedArgument(letter, index, index, "", null),
        };
    }

    /// <summary>Adds each option of one <c>-abc</c> word; returns the last word consumed.</summary>
    private static int ParseShortCluster(IReadOnlyList<string> words, int index, ImmutableArray<MemcachedArgument>.Builder arguments)
    {
        var word = words[index];
        for (var position = 1; position < word.Length; position++)
        {
            var letter = word[position];
            var prefix = position == 1 ? "" : word[..position];
            if (!MemcachedOptionTable.ShortTakesArgument(letter))
            {
                arguments.Add(new MemcachedArgument(letter, index, index, prefix, null));
                continue;
            }

            // An option that takes an argument ends the cluster: the rest of the word, or else
            // the next word whatever it looks like (getopt takes "-l -U" as address "-U").
            if (position + 1 < word.Length)
            {
                arguments.Add(new MemcachedArgument(letter, index, index, prefix, word[(position + 1)..]));
                return index;
            }

            if (index + 1 < words.Count)
            {
                arguments.Add(new MemcachedArgument(letter, index, index + 1, prefix, words[index + 1]));
                return index + 1;
            }

            arguments.Add(new MemcachedArgument(letter, index, index, prefix, null) { MissingValue = true });
            return index;
        }

        return index;
    }
}
