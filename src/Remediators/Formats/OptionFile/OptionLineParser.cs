using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// Classifies one line the way the server's option-file reader does, so that what we
/// believe the server reads is what it reads.
/// </summary>
internal static class OptionLineParser
{
    private const string IncludeKeyword = "include";
    private const string IncludeDirectoryKeyword = "includedir";

    // The server trims with the C locale's isspace; CR and LF never reach a line here.
    private static readonly char[] Blanks = [' ', '\t', '\v', '\f'];

    // "includedir" first: "include" is a prefix of it.
    private static readonly (string Keyword, bool IsDirectory)[] Directives = [(IncludeDirectoryKeyword, true), (IncludeKeyword, false)];

    public static OptionFileLine Parse(string text, string path, int lineIndex)
    {
        var content = text.TrimStart(Blanks);
        if (content.Length == 0 || content[0] is '#' or ';')
        {
            return new TriviaLine(text);
        }

        return content[0] switch
        {
            '[' => ParseGroupHeader(text, content, path, lineIndex),
            '!' => ParseDirective(text, content, path, lineIndex),
            _ => ParseOption(text, content),
        };
    }

    private static GroupHeaderLine ParseGroupHeader(string text, string content, string path, int lineIndex)
    {
        var close = content.IndexOf(']', StringComparison.Ordinal);
        if (close < 0)
        {
            throw new UnsupportedFileException(path, $"line {lineIndex + 1} '{text}' opens a group without a closing ']', which the server refuses");
        }

        return new GroupHeaderLine(text, content[1..close].TrimEnd(Blanks));
    }

    private static OptionFileLine ParseDirective(string text, string content, string path, int lineIndex)
    {
        var directive = content[1..].TrimStart(Blanks);
        foreach (var (keyword, isDirectory) in Directives)
        {
            if (!StartsWithKeyword(directive, keyword))
            {
                continue;
            }

            var target = directive[keyword.Length..].Trim(Blanks);
            if (target.Length == 0)
            {
                throw new UnsupportedFileException(path, $"line {lineIndex + 1} '{text}' names no {(isDirectory ? "directory" : "file")}, which the server refuses");
            }

            return new IncludeLine(text, isDirectory, target);
        }

        return new TriviaLine(text);
    }

    private static bool StartsWithKeyword(string directive, string keyword) =>
        directive.StartsWith(keyword, StringComparison.Ordinal)
        && (directive.Length == keyword.Length || Array.IndexOf(Blanks, directive[keyword.Length]) >= 0);

    private static OptionLine ParseOption(string text, string content)
    {
        var withoutComment = content[..CommentStart(content)];
        var equals = withoutComment.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return new OptionLine(text, withoutComment.TrimEnd(Blanks), null);
        }

        var name = withoutComment[..equals].TrimEnd(Blanks);
        var value = withoutComment[(equals + 1)..].Trim(Blanks);
        if (value.Length > 1 && value[0] is '"' or '\'' && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        return new OptionLine(text, name, value);
    }

    /// <summary>
    /// Where a trailing comment starts: the first '#' outside quotes. Like the server, a
    /// backslash inside quotes protects the next character.
    /// </summary>
    private static int CommentStart(string content)
    {
        var quote = '\0';
        var escaped = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c is '"' or '\'' && !escaped)
            {
                if (quote == '\0')
                {
                    quote = c;
                }
                else if (quote == c)
                {
                    quote = '\0';
                }
            }

            if (quote == '\0' && c == '#')
            {
                return i;
            }

            escaped = quote != '\0' && c == '\\' && !escaped;
        }

        return content.Length;
    }
}
