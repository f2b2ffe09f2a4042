using CloudSharkHardening.Remediators.Formats.IptablesSave;
using CloudSharkHardening.Remediators.Formats.MemcachedConf;
using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Formats.Sysconfig;
using CloudSharkHardening.Remediators.Formats.UnitFile;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Benchmarks.Inputs;

/// <summary>
/// One file format the rules edit, with a real file of that format (captured from a real
/// system, or the one this repository ships) and its parse-then-render round trip.
/// </summary>
public sealed record FormatSample(string Name, string Source, Func<string, string> RoundTrip)
{
    /// <summary>Every format, each with the real file that stands for its realistic size.</summary>
    public static IReadOnlyList<FormatSample> All { get; } =
    [
        new("sysconfig", "tests/Remediators.Tests/Fixtures/memcached/el9-sysconfig-memcached", text => SysconfigFile.Parse(text).Render()),
        new("memcached.conf", "tests/Remediators.Tests/Fixtures/memcached/debian12-memcached.conf", text => MemcachedConfFile.Parse(text).Render()),
        new("option file", "tests/Remediators.Tests/Fixtures/mariadb/debian12/etc/mysql/mariadb.conf.d/50-server.cnf", text => OptionFileDocument.Parse("/etc/my.cnf.d/server.cnf", text).Render()),
        new("unit file", "systemd/cloudshark-hardening.service", text => UnitFileDocument.Parse(text).Render()),
        new("iptables-save", "tests/Remediators.Tests/Fixtures/firewall/nft-v4.save", text => IptablesSaveFile.Parse(text).Render()),
    ];

    public static FormatSample Named(string name) => All.Single(f => f.Name == name);

    public string Realistic() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, Source));

    /// <summary>
    /// The realistic file <paramref name="times"/> times over. iptables-save repeats its rules
    /// inside the one table, as a big ruleset is printed; the others repeat whole files, which
    /// their formats allow (later assignments and groups simply come again).
    /// </summary>
    public string Scaled(int times)
    {
        var text = Realistic();
        if (Name != "iptables-save")
        {
            return string.Concat(Enumerable.Repeat(text.EndsWith('\n') ? text : text + "\n", times));
        }

        var lines = text.Split('\n');
        return string.Join('\n', lines.SelectMany(line => line.StartsWith("-A ", StringComparison.Ordinal) ? Enumerable.Repeat(line, times) : [line]));
    }
}
