using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.MemcachedConf;
using CloudSharkHardening.Remediators.Formats.Sysconfig;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// memcached's arguments as its unit will pass them, each word with the file and line it came
/// from, and the one file among them the hardening procedure owns and the agent may edit: EL's
/// <c>/etc/sysconfig/memcached</c> when the unit expands its <c>$OPTIONS</c>, or the file
/// Debian's wrapper reads. Without a unit to read, the configured (or the distribution's) file
/// is all there is.
/// </summary>
internal sealed record MemcachedInvocation(
    ImmutableArray<CommandWord> Arguments,
    string? EditableFile,
    MemcachedConfigFormat Format,
    ImmutableArray<string> Notes,
    ImmutableArray<string> UnitFiles)
{
    public const string SysconfigPath = "/etc/sysconfig/memcached";
    public const string DebianConfPath = "/etc/memcached.conf";
    private const string OptionsVariable = "OPTIONS";
    private static readonly string[] DebianWrappers = ["systemd-memcached-wrapper", "start-memcached"];

    /// <exception cref="UnsupportedFileException">The unit runs something whose arguments cannot be told.</exception>
    public static async Task<MemcachedInvocation> ReadAsync(ApplianceHost host, MemcachedOptions options, UnitSearch search, CancellationToken cancellationToken)
    {
        var command = await ServiceCommand.ReadAsync(host, options.Unit, search, cancellationToken).ConfigureAwait(false);
        if (command is null)
        {
            var file = host.Files.ResolveLinks(options.ConfigFile);
            return new MemcachedInvocation(
                FileWords(host.Files, file, options.Format),
                file,
                options.Format,
                [$"there is no {options.Unit} to read; judged by {file}, where the configured platform keeps memcached's arguments"],
                []);
        }

        if (command.Program == "memcached")
        {
            var owned = new[] { SysconfigPath, options.Format == MemcachedConfigFormat.Sysconfig ? options.ConfigFile : SysconfigPath };
            var expandsOptions = command.Command.Words.Skip(1).Any(word => word is "$" + OptionsVariable or "${" + OptionsVariable + "}");
            var editable = expandsOptions
                ? command.Definition.EnvironmentFiles.LastOrDefault(file => owned.Contains(file.Path, StringComparer.Ordinal))?.Path
                : null;
            return new MemcachedInvocation([.. command.Words.Skip(1)], editable, MemcachedConfigFormat.Sysconfig, command.Notes, command.Files);
        }

        if (DebianWrappers.Contains(command.Program, StringComparer.Ordinal))
        {
            // The wrapper reads the file its first argument names, else Debian's.
            var conf = command.Words.Length > 1 ? command.Words[1].Text : DebianConfPath;
            return new MemcachedInvocation(FileWords(host.Files, conf, MemcachedConfigFormat.DebianConf), conf, MemcachedConfigFormat.DebianConf, command.Notes, command.Files);
        }

        throw new UnsupportedFileException(
            command.Command.Source.Path,
            $"line {command.Command.Source.Line}: {options.Unit} runs {command.Program}, neither memcached nor Debian's wrapper, so memcached's arguments cannot be told; nothing was changed");
    }

    /// <summary>The words a file of either format gives memcached, each with its line.</summary>
    private static ImmutableArray<CommandWord> FileWords(RootedFileSystem files, string path, MemcachedConfigFormat format)
    {
        var file = files.ReadText(path);
        if (file is null)
        {
            return [];
        }

        if (format == MemcachedConfigFormat.DebianConf)
        {
            return [.. MemcachedConfFile.Parse(file.Text).ArgumentWords().Select(word => new CommandWord(word.Word, new SettingSource(path, word.Line + 1), WordOrigin.EnvironmentFile))];
        }

        var options = SysconfigFile.Parse(file.Text).LastAssignment(OptionsVariable);
        return options?.Assignment is { Problem: null } assignment
            ? [.. OptionsValueWords.Split(assignment.RawValue).Texts.Select(word => new CommandWord(word, new SettingSource(path, options.Number), WordOrigin.EnvironmentFile))]
            : [];
    }
}
