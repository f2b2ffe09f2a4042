using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// Reads a chain of option files in the server's order: each start file in turn, every
/// <c>!include</c>/<c>!includedir</c> expanded where it stands, depth first.
/// </summary>
internal sealed class OptionFileWalker(OptionFileCache cache, ImmutableDictionary<string, OptionFileDocument> edited)
{
    /// <summary>The server stops following includes this many levels below a start file.</summary>
    internal const int MaxIncludeDepth = 10;

    private readonly ImmutableArray<ChainedOption>.Builder _options = ImmutableArray.CreateBuilder<ChainedOption>();
    private readonly List<string> _notes = [];
    private readonly List<string> _filesRead = [];
    private readonly List<string> _directoriesRead = [];
    private readonly List<string> _beingRead = [];

    public ImmutableArray<ChainedOption> Options => _options.ToImmutable();

    public ImmutableArray<string> Notes => [.. _notes.Distinct(StringComparer.Ordinal)];

    public ImmutableArray<string> FilesRead => [.. _filesRead];

    public ImmutableArray<string> DirectoriesRead => [.. _directoriesRead];

    public OptionFileWalker Walk(IEnumerable<string> startFiles)
    {
        foreach (var path in startFiles)
        {
            Visit(path, depth: 0, includedAt: null);
        }

        return this;
    }

    private void Visit(string path, int depth, string? includedAt)
    {
        var state = cache.Open(path);
        var document = edited.GetValueOrDefault(state.Path) ?? state.Document;
        if (document is null)
        {
            if (includedAt is not null)
            {
                _notes.Add($"{includedAt} includes {path}, which does not exist; the server skips it too");
            }

            return;
        }

        if (_beingRead.Contains(state.Path))
        {
            throw new HardeningException($"{includedAt} includes {path} while that file is still being read: an include cycle; break it so the option chain can be judged");
        }

        if (depth > MaxIncludeDepth)
        {
            throw new HardeningException($"{includedAt} includes {path} more than {MaxIncludeDepth} levels below a start file; the server ignores includes that deep, so the option chain cannot be judged");
        }

        _beingRead.Add(state.Path);
        if (!_filesRead.Contains(state.Path))
        {
            _filesRead.Add(state.Path);
        }

        for (var i = 0; i < document.Lines.Length; i++)
        {
            switch (document.Lines[i])
            {
                case OptionLine option:
                    _options.Add(new ChainedOption(_options.Count, state.Path, i, document.GroupAt(i)!, option));
                    break;
                case IncludeLine include:
                    Include(include, state.Path, i, depth);
                    break;
            }
        }

        _beingRead.RemoveAt(_beingRead.Count - 1);
    }

    private void Include(IncludeLine include, string file, int lineIndex, int depth)
    {
        var includedAt = $"{file}:{lineIndex + 1}";
        // The server hands a relative target to fopen as it stands (its working directory, "/"
        // under systemd); we take it against the including file's directory, as its author meant.
        var target = include.Target.StartsWith('/') ? include.Target : $"{AppliancePath.Parent(file)}/{include.Target}";
        if (include.IsDirectory && cache.RealPath(target) is var directory && !_directoriesRead.Contains(directory))
        {
            _directoriesRead.Add(directory);
        }

        var paths = include.IsDirectory ? cache.ConfigFilesIn(target) : [target];
        foreach (var path in paths)
        {
            Visit(path, depth + 1, includedAt);
        }
    }
}
