using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// Every option the server reads from its option files, in the order it reads them. A chain
/// can be re-read with edited documents in place of the files on disk (a working copy), so
/// a planned edit can be judged before anything is written.
/// </summary>
public sealed class OptionFileChain
{
    private readonly OptionFileCache _cache;
    private readonly ImmutableDictionary<string, OptionFileDocument> _edited;

    private OptionFileChain(OptionFileCache cache, ImmutableArray<string> startFiles, ImmutableDictionary<string, OptionFileDocument> edited)
    {
        _cache = cache;
        _edited = edited;
        StartFiles = startFiles;
        var walk = new OptionFileWalker(cache, edited).Walk(startFiles);
        Options = walk.Options;
        Notes = walk.Notes;
        FilesRead = walk.FilesRead;
        DirectoriesRead = walk.DirectoriesRead;
    }

    /// <summary>The files reading starts from, in order; missing ones are skipped.</summary>
    public ImmutableArray<string> StartFiles { get; }

    /// <summary>Every option line met, in read order (a file read twice contributes twice).</summary>
    public ImmutableArray<ChainedOption> Options { get; }

    /// <summary>Things a person should know, such as an <c>!include</c> of a missing file.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>The real paths of the files read, in the order first read.</summary>
    public ImmutableArray<string> FilesRead { get; }

    /// <summary>The real paths of the <c>!includedir</c> directories listed, whether or not they exist.</summary>
    public ImmutableArray<string> DirectoriesRead { get; }

    /// <summary>Reads the chain from <paramref name="startFiles"/>; reads only, never writes.</summary>
    public static OptionFileChain Read(RootedFileSystem files, IEnumerable<string> startFiles) =>
        new(new OptionFileCache(files), [.. startFiles], ImmutableDictionary.Create<string, OptionFileDocument>(StringComparer.Ordinal));

    /// <summary>
    /// The file at <paramref name="path"/> (symlinks followed) with its current model; a file
    /// outside the chain is read on first use.
    /// </summary>
    public OptionFileState File(string path)
    {
        var state = _cache.Open(path);
        return state with { Document = _edited.GetValueOrDefault(state.Path) ?? state.Document };
    }

    /// <summary>
    /// The chain read again with <paramref name="document"/> standing in for the file at its
    /// <see cref="OptionFileDocument.Path"/>, which must be a real path from <see cref="File"/>.
    /// </summary>
    public OptionFileChain WithDocument(OptionFileDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(_cache, StartFiles, _edited.SetItem(document.Path, document));
    }

    /// <summary>The files whose model now differs from what was read, in a stable order.</summary>
    public ImmutableArray<OptionFileState> ChangedFiles =>
        [.. _edited.Keys.Order(StringComparer.Ordinal).Select(File).Where(state => state.IsChanged)];
}
