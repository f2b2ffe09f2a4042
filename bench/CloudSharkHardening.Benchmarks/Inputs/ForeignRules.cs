using System.Globalization;

namespace CloudSharkHardening.Benchmarks.Inputs;

/// <summary>
/// Other people's rules in INPUT, the kind an appliance gathers over the years: blocked
/// addresses, admin hosts let in to SSH, closed ports. Addresses come from the ranges set
/// aside for benchmarks (198.18.0.0/15, 2001:2::/48).
/// </summary>
public static class ForeignRules
{
    /// <summary>
    /// <paramref name="savedFile"/> with rules added to INPUT, just before its last rule (EL's
    /// catch-all REJECT), until INPUT holds exactly <paramref name="count"/> rules.
    /// </summary>
    public static string FillInput(string savedFile, int count, bool ipv6)
    {
        var lines = savedFile.Split('\n').ToList();
        var input = lines.FindAll(IsInputRule).Count;
        if (input > count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the file already has {input} INPUT rules");
        }

        var last = lines.FindLastIndex(IsInputRule);
        lines.InsertRange(last < 0 ? lines.IndexOf("COMMIT") : last, Enumerable.Range(0, count - input).Select(i => Rule(i, ipv6)));
        return string.Join('\n', lines);
    }

    /// <summary>How many rules INPUT holds in a save-format text, the agent's jump included.</summary>
    public static int InputRules(string text) => text.Split('\n').Count(IsInputRule);

    private static bool IsInputRule(string line) => line.StartsWith("-A INPUT ", StringComparison.Ordinal);

    private static string Rule(int i, bool ipv6)
    {
        var source = ipv6
            ? string.Create(CultureInfo.InvariantCulture, $"2001:2::{i + 1:x}/128")
            : string.Create(CultureInfo.InvariantCulture, $"198.18.{i / 256}.{i % 256}/32");
        return (i % 3) switch
        {
            0 => $"-A INPUT -s {source} -j DROP",
            1 => $"-A INPUT -s {source} -p tcp -m tcp --dport 22 -j ACCEPT",
            _ => string.Create(CultureInfo.InvariantCulture, $"-A INPUT -p tcp -m tcp --dport {20000 + i} -j DROP"),
        };
    }
}
