using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.UnitFile;

namespace CloudSharkHardening.Remediators.Rules.CloudSharkUnit;

/// <summary>
/// Makes a drop-in's <c>[Unit]</c> require the mount of one path by adding a single line,
/// never by rewriting one: every existing line stays byte for byte.
/// </summary>
internal static class MountsForEditor
{
    /// <summary>
    /// <paramref name="text"/> with <c>RequiresMountsFor=<paramref name="path"/></c> in force, or
    /// <paramref name="text"/> itself when it already is. <paramref name="path"/> is normalised.
    /// </summary>
    /// <exception cref="UnsupportedFileException">The file has syntax the edit could mangle.</exception>
    public static string Require(string file, string text, string path)
    {
        var document = UnitFileDocument.Parse(text);
        if (document.Statements.FirstOrDefault(s => s.Kind == UnitFileStatementKind.InvalidSectionHeader) is { } invalid)
        {
            throw new UnsupportedFileException(file, $"line {invalid.FirstLine + 1} is a section header without its closing ']': systemd rejects the whole file");
        }

        if (MountsForList.Effective(document).Contains(path, StringComparer.Ordinal))
        {
            return text;
        }

        if (document.Assignments(MountsForList.Section, MountsForList.Key).FirstOrDefault(s => s.IsContinued) is { } continued)
        {
            throw new UnsupportedFileException(file, $"the {MountsForList.Key}= on line {continued.FirstLine + 1} is continued with a backslash; join it onto one line so it can be edited safely");
        }

        var line = MountsForList.Line(path);
        var lastUnit = document.Statements.LastOrDefault(s => s.Kind == UnitFileStatementKind.SectionHeader && s.Section == MountsForList.Section);
        var (index, lines) = lastUnit is null ? WhereToAddSection(document, line) : WhereToAppend(document, lastUnit, line);
        var statements = document.Statements;
        if (statements.Count > 0 && statements[^1] is { IsUnterminated: true } open && index > open.FirstLine)
        {
            throw new UnsupportedFileException(file, $"line {open.LastLine + 1} ends with a backslash at the end of the file, so an added line would be joined onto it");
        }

        return document.InsertLines(index, lines).Render();
    }

    // After the last key line of the section, so the new line wins over any earlier reset.
    private static (int Index, string[] Lines) WhereToAppend(UnitFileDocument document, UnitFileStatement header, string line)
    {
        var anchor = document.Statements
            .SkipWhile(s => s.FirstLine <= header.FirstLine)
            .TakeWhile(s => s.Kind != UnitFileStatementKind.SectionHeader)
            .LastOrDefault(s => s.IsContent) ?? header;
        return (anchor.LastLine + 1, [line]);
    }

    // People expect [Unit] first. Text systemd ignores before the first header (keys outside
    // any section) must not end up inside the new section, so then it goes just before that header.
    private static (int Index, string[] Lines) WhereToAddSection(UnitFileDocument document, string line)
    {
        string[] section = ["[" + MountsForList.Section + "]", line];
        var firstHeader = document.Statements.FirstOrDefault(s => s.Kind == UnitFileStatementKind.SectionHeader);
        var strayBeforeHeader = document.Statements.Any(s => s.IsContent && (firstHeader is null || s.FirstLine < firstHeader.FirstLine));
        if (!strayBeforeHeader)
        {
            return document.Lines.Count == 0 ? (0, section) : (0, [.. section, ""]);
        }

        return firstHeader is null ? (document.Lines.Count, ["", .. section]) : (firstHeader.FirstLine, [.. section, ""]);
    }
}
