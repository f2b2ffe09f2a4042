using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.UnitFile;

/// <summary>Unit files and drop-ins of the shapes people write: odd spacing, comments, continuations, no final newline.</summary>
internal static class UnitFileGenerators
{
    private static readonly string[] Headers = ["[Unit]", "[Service]", "[Install]", "[X-CloudShark]", "  [Unit]  ", "[Unit]\t"];

    private static readonly string[] Keys = ["RequiresMountsFor", "After", "Environment", "Description", "ExecStart", "WantedBy"];

    // Values naming /cap are rarer, so that most generated files still need the edit.
    private static readonly string[] CapValues = ["/cap", "/cap/", "/data /cap", "'/cap'", "/srv \"/cap\""];

    private static readonly string[] OtherValues =
    [
        "", "/var/lib/mysql /srv", "\"/srv/my cap\"", "%h/captures", "RAILS_ENV=production",
        "network-online.target", "/usr/bin/env ruby -w", "relative/path", "/cap//x/.", "/capture",
    ];

    private static readonly string[] Spacings = ["=", " = ", "= ", " =", "=\t"];

    private static readonly string[] Comments = ["# comment", "; semicolon comment", "   # indented", "#RequiresMountsFor=/cap", "# trailing backslash \\", "#"];

    private static readonly string[] Blanks = ["", "   ", "\t"];

    private static readonly string[] Strays = ["no equals sign here", "=value without key", "  Key  =  spaced value  "];

    /// <summary>A whole file's text.</summary>
    public static Gen<string> File { get; } =
        from lines in Gen.ListOf(Line).Select(parts => parts.SelectMany(part => part).ToList())
        from finalNewline in Gen.Elements(true, true, false)
        select lines.Count == 0 ? "" : string.Join('\n', lines) + (finalNewline ? "\n" : "");

    public static Arbitrary<string> Arbitrary { get; } = Arb.From(File);

    private static Gen<string> Assignment =>
        from indent in Gen.Elements("", "", "  ")
        from key in Gen.Elements(Keys)
        from spacing in Gen.Elements(Spacings)
        from value in Gen.Frequency((1, Gen.Elements(CapValues)), (6, Gen.Elements(OtherValues)))
        from trailing in Gen.Elements("", "", " ")
        select indent + key + spacing + value + trailing;

    // A logical line as one or more physical lines.
    private static Gen<string[]> Line => Gen.Frequency(
        (4, Assignment.Select(line => new[] { line })),
        (3, Gen.Elements(Headers).Select(line => new[] { line })),
        (2, Gen.Elements(Comments).Select(line => new[] { line })),
        (2, Gen.Elements(Blanks).Select(line => new[] { line })),
        (1, Gen.Elements(Strays).Select(line => new[] { line })),
        (1, Continued));

    private static Gen<string[]> Continued =>
        from first in Assignment
        from comment in Gen.Elements<string[]>([], ["# inside a continuation"])
        from rest in Gen.Elements("  /more/path", "B=2", "", "\\\\")
        select (string[])[first + " \\", .. comment, rest];
}
