using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.MemcachedConf;

/// <summary>memcached.conf files shaped like Debian's: one option per line, comments, directives.</summary>
internal static class MemcachedConfGenerators
{
    /// <summary>Whole files, with or without a final newline.</summary>
    public static Gen<string> Files() =>
        Line().ListOf().Zip(Gen.Elements(true, false))
            .Select(pair => string.Join("\n", pair.Item1) + (pair.Item2 && pair.Item1.Count > 0 ? "\n" : ""));

    public static Gen<string> Line() => Gen.Frequency(
        (2, Gen.Elements("", " ", "\t ")),
        (3, Gen.Elements("# memcached default config file", "# -l 0.0.0.0", "  #indented", "#", "# cloudshark-hardening: x: -l 0.0.0.0")),
        (1, Gen.Elements("logfile /var/log/memcached.log", "logfile\t/tmp/x.log", "-d", "-h")),
        (8, OptionLine()));

    /// <summary>One option and its value, with odd spacing and sometimes a trailing comment.</summary>
    public static Gen<string> OptionLine() =>
        from indent in Gen.Elements("", "", " ", "\t")
        from option in Gen.Elements(
            "-l 127.0.0.1", "-l 0.0.0.0", "-l 10.0.0.5,127.0.0.1", "-l 127.0.0.1,::1", "--listen=localhost", "--listen [::1]:11211",
            "-l127.0.0.2", "-U 0", "-U 11211", "-U0", "--udp-port=0", "--udp-port 11211", "-vU0", "-vl 0.0.0.0",
            "-m 64", "-p 11211", "-u memcache", "-c 1024", "-t 4", "-P /var/run/memcached/memcached.pid", "-o modern", "-v", "-vv")
        from gap in Gen.Elements(" ", "  ", "\t")
        from comment in Gen.Elements("", "", "", "# trailing comment", "#x")
        from trail in Gen.Elements("", "", " ")
        select indent + option.Replace(" ", gap, StringComparison.Ordinal) + (comment.Length > 0 ? gap + comment : "") + trail;
}
