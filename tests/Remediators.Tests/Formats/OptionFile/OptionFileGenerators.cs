using CloudSharkHardening.Remediators.Formats.OptionFile;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

/// <summary>
/// Option files of realistic shape for properties: comments of both kinds, blank lines,
/// odd spacing, quoted values with '#', trailing comments, includes, skip-networking in
/// every supported spelling and group, with or without a final newline.
/// </summary>
internal static class OptionFileGenerators
{
    private static readonly string[] Groups =
        ["mysqld", "MySQLd", "client", "server", "mariadb", "mariadb-10.11", "mysqld-10.5", "galera", "client-server", "mysqld_safe", "embedded"];

    private static readonly string[] OtherOptions =
        ["datadir", "bind-address", "bind_address", "port", "socket", "password", "max_allowed_packet", "skip-name-resolve", "loose-innodb-encrypt-log"];

    private static readonly string[] SkipNetworkingLines =
        ["skip-networking", "skip_networking", "skip-networking=1", "skip-networking = OFF", "SKIP_NETWORKING=\"true\"", "skip-networking='0'",
         "loose-skip-networking", "loose-skip-networking=0", "disable-skip-networking", "enable-skip-networking", "skip-skip-networking",
         "maximum-skip-networking=1", "skip-networking # no TCP"];

    private static readonly Gen<string> Lead = Gen.Elements("", " ", "\t", "  ");

    private static readonly Gen<string> FreeText =
        Gen.ArrayOf(Gen.Elements(" \t#;=\"'\\[]!abcXYZ019_-./".ToCharArray())).Select(chars => new string(chars));

    private static readonly Gen<Generated> Blank =
        Gen.Elements("", " ", "\t", "   \t ").Select(text => new Generated(text, typeof(TriviaLine)));

    private static readonly Gen<Generated> Comment =
        from lead in Lead
        from mark in Gen.Elements("#", ";")
        from text in FreeText
        select new Generated(lead + mark + text, typeof(TriviaLine));

    private static readonly Gen<Generated> Include =
        from lead in Lead
        from bang in Gen.Elements("!", "! ")
        from keyword in Gen.Elements("include", "includedir")
        from gap in Gen.Elements(" ", "\t", "   ")
        from target in Gen.Elements("/etc/my.cnf.d", "/etc/mysql/conf.d/", "extra.cnf")
        from tail in Gen.Elements("", " ")
        select new Generated(lead + bang + keyword + gap + target + tail, typeof(IncludeLine));

    private static readonly Gen<Generated> Header =
        from lead in Lead
        from name in Gen.Elements(Groups)
        from inner in Gen.Elements("", " ")
        from tail in Gen.Elements("", " ", "  # note", "\ttrailing text the server ignores")
        select new Generated($"{lead}[{name}{inner}]{tail}", typeof(GroupHeaderLine));

    private static readonly Gen<Generated> OtherOption =
        from lead in Lead
        from name in Gen.Elements(OtherOptions)
        from separator in Gen.Elements("", "=", " = ", "\t=  ")
        from value in Gen.OneOf(FreeText, FreeText.Select(text => $"\"{text.Replace("\"", "", StringComparison.Ordinal)}\""))
        from tail in Gen.Elements("", " ", " # note", "#x")
        select new Generated(separator.Length == 0 ? lead + name + tail : lead + name + separator + value + tail, typeof(OptionLine));

    private static readonly Gen<Generated> SkipNetworking =
        from lead in Lead
        from text in Gen.Elements(SkipNetworkingLines)
        from tail in Gen.Elements("", "  ", " # hardening")
        select new Generated(lead + text + tail, typeof(OptionLine));

    private static readonly Gen<Generated> Preamble = Gen.Frequency((3, Blank), (3, Comment), (1, Include));

    private static readonly Gen<Generated> Body = Gen.Frequency((2, Blank), (2, Comment), (1, Include), (3, OtherOption), (2, SkipNetworking));

    private static readonly Gen<Generated[]> Section =
        from header in Header
        from body in Gen.ArrayOf(Body)
        select new[] { header }.Concat(body).ToArray();

    /// <summary>A whole file: its text and, per line, the kind the parser must find.</summary>
    public static Arbitrary<GeneratedFile> Files { get; } = Arb.From(
        from preamble in Gen.ArrayOf(Preamble)
        from sections in Gen.NonEmptyListOf(Section)
        from finalNewline in Gen.Elements(true, false)
        select GeneratedFile.From([.. preamble, .. sections.SelectMany(section => section)], finalNewline));

    /// <summary>One generated line and the kind of line it must parse as.</summary>
    internal sealed record Generated(string Text, Type Kind);

    internal sealed record GeneratedFile(string Text, Type[] Kinds)
    {
        public static GeneratedFile From(Generated[] lines, bool finalNewline)
        {
            var text = string.Join('\n', lines.Select(line => line.Text)) + (finalNewline ? "\n" : "");
            // "…\n" plus an empty last line without newline is the same text as a final newline.
            var kinds = !finalNewline && lines[^1].Text.Length == 0 ? lines[..^1] : lines;
            return new GeneratedFile(text, [.. kinds.Select(line => line.Kind)]);
        }

        public override string ToString() => Text.Replace("\n", "⏎\n", StringComparison.Ordinal);
    }
}
