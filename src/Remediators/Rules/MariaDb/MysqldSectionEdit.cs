using CloudSharkHardening.Remediators.Formats;
using CloudSharkHardening.Remediators.Formats.OptionFile;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Step one of the rule, on the seed file alone: its first <c>[mysqld]</c> section must say
/// <c>skip-networking</c> and nothing there may say the opposite.
/// </summary>
internal static class MysqldSectionEdit
{
    internal const string MysqldGroup = "mysqld";
    internal const string SkipNetworking = "skip-networking";
    internal const string NeutraliseWhy = "re-enabled TCP networking, which the hardening policy turns off";

    /// <summary>
    /// The edited document (or a new one when <paramref name="document"/> is <c>null</c>) and
    /// the line of the <c>skip-networking</c> that now holds in the section.
    /// </summary>
    public static (OptionFileDocument Document, int SkipNetworkingLine) Apply(OptionFileDocument? document, string path)
    {
        document ??= OptionFileDocument.Parse(path, "");
        var header = FirstMysqldHeader(document);
        if (header < 0)
        {
            // A new section at the end: read after everything the file includes, so it wins.
            var end = document.Lines.Length;
            string[] section = end == 0 ? [$"[{MysqldGroup}]", SkipNetworking] : ["", $"[{MysqldGroup}]", SkipNetworking];
            return (document.InsertLines(end, section), end + section.Length - 1);
        }

        var edited = document;
        var insertAfter = header;
        var holdingLine = -1;
        var beforeFirstInclude = true;
        for (var i = header + 1; i < document.Lines.Length && document.Lines[i] is not GroupHeaderLine; i++)
        {
            beforeFirstInclude &= document.Lines[i] is not IncludeLine;
            if (document.Lines[i] is not OptionLine option)
            {
                continue;
            }

            if (beforeFirstInclude)
            {
                insertAfter = i;
            }

            switch (BooleanOptionSpelling.Interpret(SkipNetworking, option, path, i))
            {
                case true:
                    holdingLine = i;
                    break;
                case false:
                    edited = edited.ReplaceLine(i, NeutralisedLine.Comment(option.Text, NeutraliseWhy));
                    break;
            }
        }

        return holdingLine >= 0
            ? (edited, holdingLine)
            : (edited.InsertLines(insertAfter + 1, [SkipNetworking]), insertAfter + 1);
    }

    private static int FirstMysqldHeader(OptionFileDocument document)
    {
        for (var i = 0; i < document.Lines.Length; i++)
        {
            if (document.Lines[i] is GroupHeaderLine group && group.Is(MysqldGroup))
            {
                return i;
            }
        }

        return -1;
    }
}
