using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.Sysconfig;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// EL's <c>/etc/sysconfig/memcached</c>: the unit passes <c>$OPTIONS</c> unquoted, so its words
/// are memcached arguments. Only the last <c>OPTIONS=</c> counts, and only it is edited.
/// </summary>
internal sealed class SysconfigMemcachedEditor : IMemcachedConfigEditor
{
    private const string Key = "OPTIONS";

    public MemcachedConfigEdit Harden(TextFile file, string listenList, bool listenHeldElsewhere = false)
    {
        var config = SysconfigFile.Parse(file.Text);
        RefuseExportedOptions(file.Path, config);
        var options = config.LastAssignment(Key);
        if (options?.Assignment is not { } assignment)
        {
            var nothing = MemcachedCommandLine.Parse([]);
            if (!config.Lines.IsEmpty && config.Lines[^1].SwallowsNextLine)
            {
                throw new UnsupportedFileException(file.Path, $"there is no {Key} line, and one appended after line {config.Lines[^1].Number} would be read as part of it (an open quote, or a trailing backslash)");
            }

            var value = OptionsValueWords.Split("").Apply(MemcachedRepair.For(file.Path, nothing, listenList, listenHeldElsewhere));
            return new MemcachedConfigEdit(MemcachedSockets.From(nothing), config.Append(Key, value).Render());
        }

        if (assignment.Problem is not null)
        {
            throw new UnsupportedFileException(file.Path, $"{Key} on line {options.Number} {assignment.Problem}");
        }

        if (config.Before(options) is { SwallowsNextLine: true } previous)
        {
            throw new UnsupportedFileException(file.Path, $"line {previous.Number} is a comment ending in a backslash, which systemd before 254 continues onto {Key} on line {options.Number}");
        }

        var words = OptionsValueWords.Split(assignment.RawValue);
        var commandLine = MemcachedCommandLine.Parse(words.Texts);
        var repair = MemcachedRepair.For(file.Path, commandLine, listenList, listenHeldElsewhere);
        var after = repair.IsEmpty ? file.Text : config.WithValue(options, words.Apply(repair)).Render();
        return new MemcachedConfigEdit(MemcachedSockets.From(commandLine), after);
    }

    public string Create(string listenList) =>
        $"{Key}=\"{MemcachedRepair.ListenOption(listenList)} {MemcachedRepair.UdpOff}\"\n";

    /// <summary>
    /// systemd ignores <c>export OPTIONS=</c>, but a script sourcing the file would honour it:
    /// which one the administrator meant cannot be told, so the file is left alone.
    /// </summary>
    private static void RefuseExportedOptions(string path, SysconfigFile config)
    {
        if (config.Lines.FirstOrDefault(line => line.Assignment?.ExportedKey == Key) is { } exported)
        {
            throw new UnsupportedFileException(path, $"line {exported.Number} says 'export {Key}=', which systemd ignores but a shell would not; remove the 'export'");
        }
    }
}
