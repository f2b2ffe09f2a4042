using System.Text.Json;
using CloudSharkHardening.Agent.Cli;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>
/// Reads <c>hardening.json</c> (comments and trailing commas allowed), fills in the
/// documented defaults for the detected platform, and validates everything, reporting all
/// errors at once: a key given twice and a directory the agent would take over from the system
/// are errors too. A missing default file means all defaults; a missing --config file is an error.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultStateDirectory = "/var/lib/cloudshark-hardening";
    public const string DefaultStorageDirectory = "/cap";

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = ReaderOptions.CommentHandling,
        AllowTrailingCommas = ReaderOptions.AllowTrailingCommas,
        MaxDepth = ReaderOptions.MaxDepth,
    };

    /// <param name="files">The appliance tree: the default file and os-release are read inside it.</param>
    /// <param name="explicitPath">--config: a path on this machine, as typed in the shell.</param>
    public static HardeningConfig Load(RootedFileSystem files, string? explicitPath)
    {
        var source = explicitPath ?? files.HostPath(OnceCommand.DefaultConfigPath);
        string? text;
        try
        {
            text = explicitPath is not null
                ? File.ReadAllText(explicitPath)
                : files.ReadText(OnceCommand.DefaultConfigPath)?.Text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HardeningException)
        {
            throw new ConfigException(source, [new ConfigError("(file)", e.Message)]);
        }

        return Parse(text ?? "{}", source, files);
    }

    public static HardeningConfig Parse(string text, string source, RootedFileSystem files)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "(file)";
            throw new ConfigException(source, [new ConfigError(where, $"not valid JSON: {e.Message.Split(" LineNumber", 2)[0]}")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException(source, [new ConfigError("(top level)", "must be a JSON object")]);
            }

            var errors = DuplicateKeys.Find(text, ReaderOptions);
            var top = new SectionReader(document.RootElement, "", errors);
            var platform = ReadPlatform(top, files);
            var config = RuleSections.Read(top, platform ?? Platform.RedHat) with { Daemon = DaemonSection.Read(top), Audit = AuditSection.Read(top) };
            ProtectedDirectories.Check(config, errors);
            top.RejectUnknownKeys();
            if (errors.Count > 0)
            {
                throw new ConfigException(source, errors);
            }

            return config;
        }
    }

    private static Platform? ReadPlatform(SectionReader top, RootedFileSystem files)
    {
        switch (top.String("platform"))
        {
            case "redhat":
                return Platform.RedHat;
            case "debian":
                return Platform.Debian;
            case null or "auto":
                var (detected, evidence) = PlatformDetector.Detect(files);
                if (detected is null)
                {
                    top.Error("platform", $"cannot tell the distribution: {evidence}; set \"platform\" to \"redhat\" or \"debian\"");
                }

                return detected;
            case var other:
                top.Error("platform", $"'{other}' is not one of auto, redhat, debian");
                return null;
        }
    }
}
