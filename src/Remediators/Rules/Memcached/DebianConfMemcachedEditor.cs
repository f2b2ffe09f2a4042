using System.Buffers;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats;
using CloudSharkHardening.Remediators.Formats.MemcachedConf;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// Debian's <c>/etc/memcached.conf</c>: the wrapper joins the option lines into one command
/// line. A listen or UDP line is rewritten in place or commented out, never deleted.
/// </summary>
internal sealed class DebianConfMemcachedEditor : IMemcachedConfigEditor
{
    /// <summary>
    /// The wrapper execs the joined options as one string, so Perl hands any of these to
    /// /bin/sh, which would re-split, expand or cut the command line. Brackets stay allowed:
    /// <c>-l [::1]</c> is common and only globs against files named ":" or "1".
    /// </summary>
    private static readonly SearchValues<char> ShellCharacters = SearchValues.Create("$&*(){}'\";\\|?<>~`");

    public MemcachedConfigEdit Harden(TextFile file, string listenList, bool listenHeldElsewhere = false)
    {
        var config = MemcachedConfFile.Parse(file.Text);
        RefuseShellSyntax(file.Path, config);
        var words = config.ArgumentWords().ToList();
        var commandLine = MemcachedCommandLine.Parse([.. words.Select(word => word.Word)]);
        var sockets = MemcachedSockets.From(commandLine);
        var repair = MemcachedRepair.For(file.Path, commandLine, listenList, listenHeldElsewhere);
        if (repair.IsEmpty)
        {
            return new MemcachedConfigEdit(sockets, file.Text);
        }

        foreach (var replacement in repair.Replacements)
        {
            var index = LineOf(file.Path, config, words, replacement.Argument);
            var line = config.Lines[index];
            config = config.WithLine(index, replacement.Text is null
                ? NeutralisedLine.Comment(line.Text, WhyNeutralised(replacement.Argument))
                : line.WithBody(replacement.Text));
        }

        return new MemcachedConfigEdit(sockets, config.Append(repair.Appended).Render());
    }

    public string Create(string listenList) =>
        $"{MemcachedRepair.ListenOption(listenList)}\n{MemcachedRepair.UdpOff}\n";

    private static string WhyNeutralised(MemcachedArgument argument) =>
        argument.Letter == MemcachedArgument.Listen
            ? "replaced by the -l line above (loopback only)"
            : $"replaced by the {MemcachedRepair.UdpOff} line above (UDP off)";

    /// <summary>The line holding just <paramref name="argument"/>; refuses a line that holds more.</summary>
    private static int LineOf(string path, MemcachedConfFile config, List<(int Line, string Word)> words, MemcachedArgument argument)
    {
        var index = words[argument.FirstWord].Line;
        var line = config.Lines[index];
        if (words[argument.LastWord].Line != index)
        {
            throw new UnsupportedFileException(path, $"line {index + 1} ('{line.Body}') has its value on a later line; put the option and its value on one line");
        }

        if (argument.ClusterPrefix.Length > 0 || line.Words.Length != argument.LastWord - argument.FirstWord + 1)
        {
            throw new UnsupportedFileException(path, $"line {index + 1} ('{line.Body}') holds other options besides -{argument.Letter}; put each option on a line of its own");
        }

        return index;
    }

    private static void RefuseShellSyntax(string path, MemcachedConfFile config)
    {
        foreach (var (line, number) in config.Lines.Select((line, index) => (line, index + 1)))
        {
            var at = line.IsPassedToMemcached ? line.Body.AsSpan().IndexOfAny(ShellCharacters) : -1;
            if (at >= 0)
            {
                throw new UnsupportedFileException(path, $"line {number} ('{line.Body}') has '{line.Body[at]}', which makes the Debian wrapper run memcached through /bin/sh; the agent cannot tell what memcached would receive");
            }
        }
    }
}
