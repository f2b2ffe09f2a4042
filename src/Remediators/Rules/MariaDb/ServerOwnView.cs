using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// The server's own reading of its option files: <c>my_print_defaults --mysqld</c> prints
/// every option of every server group, in the order the server applies them, as
/// <c>--name[=value]</c>. A second opinion on this agent's own parser; where they disagree,
/// the server's is the one that counts.
/// </summary>
internal static class ServerOwnView
{
    public const string Command = "my_print_defaults --mysqld";

    /// <summary>Whether the server would start with skip-networking; <c>null</c> when the tool is not there.</summary>
    public static async Task<bool?> SkipNetworkingAsync(ILiveSystem live, CancellationToken cancellationToken)
    {
        var output = await live.CommandOutputAsync("my_print_defaults", ["--mysqld"], cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return null;
        }

        var on = false; // the server's default: networking on
        var lines = output.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].StartsWith("--", StringComparison.Ordinal)
                && OptionLineParser.Parse(lines[index][2..], Command, index) is OptionLine option
                && BooleanOptionSpelling.Interpret("skip-networking", option, Command, index) is { } value)
            {
                on = value;
            }
        }

        return on;
    }
}
