using System.Collections.Immutable;
using System.Globalization;
using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// What the server's own command line (its unit's <c>ExecStart=</c>, with <c>$MYSQLD_OPTS</c>
/// and the like expanded) says about networking. The server applies its arguments after every
/// option file, so an argument here beats the whole chain. Options that change which files are
/// read at all (<c>--defaults-file</c> and friends) are reported, not followed.
/// </summary>
internal sealed class MariaDbCommandLine
{
    private static readonly string[] Servers = ["mariadbd", "mysqld", "mariadbd-safe", "mysqld_safe"];

    private static readonly string[] ChainOptions = ["defaults-file", "defaults-extra-file", "no-defaults", "defaults-group-suffix"];

    private MariaDbCommandLine(bool isServer, CommandWord? skipNetworking, bool? skipNetworkingValue, int? port, ImmutableArray<CommandWord> chainChangers)
    {
        IsServer = isServer;
        SkipNetworkingWord = skipNetworking;
        SkipNetworking = skipNetworkingValue;
        Port = port;
        ChainChangers = chainChangers;
    }

    /// <summary>argv[0] is the server (or its safe wrapper), so its arguments were read.</summary>
    public bool IsServer { get; }

    /// <summary>The last argument that sets skip-networking; <c>null</c> when none does.</summary>
    public CommandWord? SkipNetworkingWord { get; }

    /// <summary>What that argument sets.</summary>
    public bool? SkipNetworking { get; }

    /// <summary>The port the arguments set, if any.</summary>
    public int? Port { get; }

    /// <summary>Arguments that change which option files the server reads.</summary>
    public ImmutableArray<CommandWord> ChainChangers { get; }

    public static MariaDbCommandLine Read(ServiceCommand? command)
    {
        if (command is null || !Servers.Contains(command.Program, StringComparer.Ordinal))
        {
            return new MariaDbCommandLine(false, null, null, null, []);
        }

        CommandWord? skipWord = null;
        bool? skip = null;
        int? port = null;
        var changers = ImmutableArray.CreateBuilder<CommandWord>();
        var words = command.Words;
        for (var index = 1; index < words.Length; index++)
        {
            var word = words[index];
            if (word.Text.StartsWith("--", StringComparison.Ordinal)
                && OptionLineParser.Parse(word.Text[2..], word.Source.Path, word.Source.Line - 1) is OptionLine option)
            {
                if (ChainOptions.Contains(option.NormalisedName, StringComparer.Ordinal))
                {
                    changers.Add(word);
                }
                else if (BooleanOptionSpelling.Interpret(MysqldSectionEdit.SkipNetworking, option, word.Source.Path, word.Source.Line - 1) is { } value)
                {
                    (skipWord, skip) = (word, value);
                }
                else if (option.NormalisedName == "port" && PortOf(option.Value) is { } set)
                {
                    port = set;
                }
            }
            else if (word.Text == "-P" && index + 1 < words.Length)
            {
                port = PortOf(words[++index].Text) ?? port;
            }
            else if (word.Text.StartsWith("-P", StringComparison.Ordinal))
            {
                port = PortOf(word.Text[2..]) ?? port;
            }
        }

        return new MariaDbCommandLine(true, skipWord, skip, port, changers.ToImmutable());
    }

    private static int? PortOf(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;
}
