using System.Collections.Frozen;

namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// How many arguments an option takes, for the options where guessing could go wrong. iptables
/// hands an option its arguments whatever they look like, and iptables-save writes a free-text
/// argument made only of letters, digits, <c>-</c> and <c>_</c> without quotes, so a comment
/// "-j" is printed <c>--comment -j</c>: only knowing that <c>--comment</c> takes one argument
/// keeps it from reading as a jump. Options not listed take the words up to the next option.
/// </summary>
internal static class OptionArguments
{
    private static readonly FrozenDictionary<string, int> Counts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // The options of iptables itself.
        ["-s"] = 1, ["--source"] = 1, ["--src"] = 1, ["-d"] = 1, ["--destination"] = 1, ["--dst"] = 1,
        ["-p"] = 1, ["--protocol"] = 1, ["-i"] = 1, ["--in-interface"] = 1, ["-o"] = 1, ["--out-interface"] = 1,
        ["-m"] = 1, ["--match"] = 1, ["-j"] = 1, ["--jump"] = 1, ["-g"] = 1, ["--goto"] = 1,
        ["-f"] = 0, ["--fragment"] = 0,

        // Free text iptables-save may print bare: comments, log prefixes, names.
        ["--comment"] = 1, ["--log-prefix"] = 1, ["--nflog-prefix"] = 1, ["--name"] = 1, ["--hashlimit-name"] = 1,
        ["--string"] = 1, ["--hex-string"] = 1, ["--uid-owner"] = 1, ["--gid-owner"] = 1, ["--helper"] = 1,
        ["--match-set"] = 2, ["--add-set"] = 2, ["--del-set"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The number of arguments <paramref name="option"/> takes; null when the reader does not know.</summary>
    public static int? Of(string option) => Counts.TryGetValue(option, out var count) ? count : null;
}
