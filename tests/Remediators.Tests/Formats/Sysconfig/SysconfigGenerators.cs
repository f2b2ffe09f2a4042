using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.Sysconfig;

/// <summary>Environment files shaped like real /etc/sysconfig files, oddities included.</summary>
internal static class SysconfigGenerators
{
    private static readonly string[] Words =
    [
        "-l", "127.0.0.1", "0.0.0.0", "-U", "0", "11211", "-t", "4", "-vU0", "--listen=localhost",
        "--udp-port=0", "-c", "4096", "-o", "modern", "-l10.0.0.5,127.0.0.1", "[::1]:11211", "127.0.0.1,::1",
        "-v", "--listen", "--udp-port", "-p", "-m", "64", "--threads=8", "-vl", "-U11211", "localhost", "--",
    ];

    public static Gen<string> OptionsValues() =>
        Gen.Elements(Words).ListOf().Zip(Gen.Elements(" ", "  ", "\t"))
            .Select(pair => string.Join(pair.Item2, pair.Item1));

    /// <summary>Whole files: lines joined by newlines, with or without a final one.</summary>
    public static Gen<string> Files() =>
        Line().ListOf().Zip(Gen.Elements(true, false))
            .Select(pair => string.Join("\n", pair.Item1) + (pair.Item2 && pair.Item1.Count > 0 ? "\n" : ""));

    /// <summary>One logical line; a few span physical lines, as systemd allows.</summary>
    public static Gen<string> Line() => Gen.Frequency(
        (2, Gen.Elements("", " ", "\t", "   ")),
        (3, Gen.Elements("#", "# memcached", "  # OPTIONS=\"-l 0.0.0.0\"", "; semicolon comment", "#comment ending in \\", "#!x=y")),
        (8, Assignment()),
        (1, Gen.Elements("not an assignment", "export OPTIONS=\"-l 0.0.0.0\"", "==", "=value", "USER=\"mem\ncached\"", "OPTIONS=-t 4 \\\n -l 0.0.0.0", "X='a\nb'", "K=v\\")));

    private static Gen<string> Assignment() =>
        from indent in Gen.Elements("", " ", "\t")
        from key in Gen.Elements("OPTIONS", "OPTIONS", "PORT", "USER", "MAXCONN", "CACHESIZE", "FOO_BAR")
        from before in Gen.Elements("", " ")
        from after in Gen.Elements("", " ", "\t")
        from value in OptionsValues()
        from quote in Gen.Elements("\"", "'", "")
        from trail in Gen.Elements("", " ", "\t ")
        select $"{indent}{key}{before}={after}{quote}{value}{quote}{trail}";
}
