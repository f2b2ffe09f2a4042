namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// memcached's own command-line options, as its getopt_long call declares them (1.4.15 up to
/// 1.6.x: checked against the 1.6.18 binary's option string and by probing each long name).
/// Knowing which options take an argument is what keeps the value of <c>-t 4</c> or
/// <c>-P /run/x.pid</c> from being read as an option of its own.
/// </summary>
internal static class MemcachedOptionTable
{
    /// <summary>Short options declared with a colon in "a:AZp:s:U:m:Mc:khiVrvdl:u:P:f:n:t:D:LR:Cb:B:I:SFXWY:e:o:N:".</summary>
    private const string ShortOptionsWithArgument = "apsUmcluPfntDRbBIYeoN";

    private static readonly (string Name, char Letter, LongArgument Argument)[] LongOptions =
    [
        ("unix-mask", 'a', LongArgument.Required),
        ("enable-shutdown", 'A', LongArgument.None),
        ("enable-ssl", 'Z', LongArgument.None),
        ("port", 'p', LongArgument.Required),
        ("unix-socket", 's', LongArgument.Required),
        ("udp-port", 'U', LongArgument.Required),
        ("memory-limit", 'm', LongArgument.Required),
        ("disable-evictions", 'M', LongArgument.None),
        ("conn-limit", 'c', LongArgument.Required),
        ("lock-memory", 'k', LongArgument.None),
        ("help", 'h', LongArgument.None),
        ("license", 'i', LongArgument.None),
        ("version", 'V', LongArgument.None),
        ("enable-coredumps", 'r', LongArgument.None),
        ("verbose", 'v', LongArgument.Optional),
        ("daemon", 'd', LongArgument.None),
        ("listen", 'l', LongArgument.Required),
        ("user", 'u', LongArgument.Required),
        ("pidfile", 'P', LongArgument.Required),
        ("slab-growth-factor", 'f', LongArgument.Required),
        ("slab-min-size", 'n', LongArgument.Required),
        ("threads", 't', LongArgument.Required),
        ("enable-largepages", 'L', LongArgument.None),
        ("max-reqs-per-event", 'R', LongArgument.Required),
        ("disable-cas", 'C', LongArgument.None),
        ("listen-backlog", 'b', LongArgument.Required),
        ("protocol", 'B', LongArgument.Required),
        ("max-item-size", 'I', LongArgument.Required),
        ("enable-sasl", 'S', LongArgument.None),
        ("disable-flush-all", 'F', LongArgument.None),
        ("disable-dumping", 'X', LongArgument.None),
        ("disable-watch", 'W', LongArgument.None),
        ("auth-file", 'Y', LongArgument.Required),
        ("memory-file", 'e', LongArgument.Required),
        ("extended", 'o', LongArgument.Required),
        ("napi-ids", 'N', LongArgument.Required),
    ];

    internal enum LongArgument
    {
        None,
        Required,

        /// <summary>Only ever as <c>--name=value</c>: getopt never takes the next word.</summary>
        Optional,
    }

    public static bool ShortTakesArgument(char letter) => ShortOptionsWithArgument.Contains(letter, StringComparison.Ordinal);

    /// <summary>
    /// The long option <paramref name="name"/> stands for, as GNU getopt_long resolves it: an
    /// exact name, else an unambiguous prefix (<c>--udp=0</c>). Unknown or ambiguous names make
    /// memcached refuse to start; they stand for no option here.
    /// </summary>
    public static bool TryFindLong(string name, out char letter, out LongArgument argument)
    {
        letter = '\0';
        argument = LongArgument.None;
        if (name.Length == 0)
        {
            return false;
        }

        var candidates = LongOptions.Where(option => option.Name == name).ToList();
        if (candidates.Count == 0)
        {
            candidates = LongOptions.Where(option => option.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        }

        if (candidates.Count != 1)
        {
            return false;
        }

        (_, letter, argument) = candidates[0];
        return true;
    }
}
