using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Formats.MemcachedConf;

/// <summary>
/// One line of <c>/etc/memcached.conf</c> (without its newline), split the way Debian's
/// wrapper reads it: <see cref="Indent"/>, <see cref="Body"/> (the options, up to a <c>#</c>
/// that is not escaped) and <see cref="Tail"/> (blanks and any trailing comment).
/// </summary>
public sealed class MemcachedConfLine
{
    private const string Blanks = " \t";

    private MemcachedConfLine(string text, MemcachedConfLineKind kind, string indent, string body, string tail)
    {
        Text = text;
        Kind = kind;
        Indent = indent;
        Body = body;
        Tail = tail;
        Words = [.. body.Split(Blanks.ToCharArray(), StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>The line exactly as written.</summary>
    public string Text { get; }

    public MemcachedConfLineKind Kind { get; }

    /// <summary>Leading blanks.</summary>
    public string Indent { get; }

    /// <summary>The options (or directive) without indentation, trailing blanks or comment.</summary>
    public string Body { get; }

    /// <summary>Everything after <see cref="Body"/>: blanks and any trailing <c># comment</c>.</summary>
    public string Tail { get; }

    /// <summary>The body split on blanks, as the wrapper's joined command line is split.</summary>
    public ImmutableArray<string> Words { get; }

    /// <summary>
    /// Whether the wrapper hands this line to memcached: option lines, except those starting
    /// with <c>-d</c> or <c>-h</c>, which it drops (systemd runs memcached in the foreground).
    /// </summary>
    public bool IsPassedToMemcached =>
        Kind == MemcachedConfLineKind.Options
        && !Body.StartsWith("-d", StringComparison.Ordinal)
        && !Body.StartsWith("-h", StringComparison.Ordinal);

    /// <summary>Splits one line (no newline in it).</summary>
    public static MemcachedConfLine Parse(string text)
    {
        var indent = text[..(text.Length - text.TrimStart(Blanks.ToCharArray()).Length)];
        var rest = text[indent.Length..];
        if (rest.Length == 0)
        {
            return new MemcachedConfLine(text, MemcachedConfLineKind.Blank, indent, "", "");
        }

        if (rest[0] == '#')
        {
            return new MemcachedConfLine(text, MemcachedConfLineKind.Comment, indent, "", rest);
        }

        var body = rest[..CommentStart(rest)].TrimEnd(Blanks.ToCharArray());
        var kind = rest[0] == '-' ? MemcachedConfLineKind.Options : MemcachedConfLineKind.Directive;
        return new MemcachedConfLine(text, kind, indent, body, rest[body.Length..]);
    }

    /// <summary>The line's text with a new body, indentation and trailing comment kept.</summary>
    public string WithBody(string body) => Indent + body + Tail;

    /// <summary>The wrapper strips from the first <c>#</c> not preceded by a backslash.</summary>
    private static int CommentStart(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            if (text[index] == '#' && (index == 0 || text[index - 1] != '\\'))
            {
                return index;
            }
        }

        return text.Length;
    }
}
