using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// Reads each option file and include directory once, so that every walk of a chain, and
/// the before-text of every edit, rests on one consistent view of the disk.
/// </summary>
internal sealed class OptionFileCache(RootedFileSystem files)
{
    private const string ConfigFileExtension = ".cnf";

    private readonly Dictionary<string, OptionFileState> _byRealPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<string>> _directories = new(StringComparer.Ordinal);

    /// <summary>The file at <paramref name="path"/> as first read; its path is the real one.</summary>
    public OptionFileState Open(string path)
    {
        var realPath = files.ResolveLinks(path);
        if (!_byRealPath.TryGetValue(realPath, out var state))
        {
            var text = files.ReadText(realPath);
            state = new OptionFileState(realPath, text?.Text, text is null ? null : OptionFileDocument.Parse(realPath, text.Text));
            _byRealPath.Add(realPath, state);
        }

        return state;
    }

    /// <summary>The path with every link followed, as the server would open it.</summary>
    public string RealPath(string path) => files.ResolveLinks(path);

    /// <summary>
    /// The files an <c>!includedir</c> reads: names ending in ".cnf" (case matters, as for the
    /// server), in ordinal byte order, that are regular files once links are followed.
    /// </summary>
    public ImmutableArray<string> ConfigFilesIn(string directory)
    {
        var realDirectory = RealPath(directory);
        if (!_directories.TryGetValue(realDirectory, out var paths))
        {
            paths = [.. files.ListDirectory(realDirectory)
                .Where(name => name.EndsWith(ConfigFileExtension, StringComparison.Ordinal))
                .Select(name => AppliancePath.Combine(realDirectory, name))
                .Where(path => files.Stat(files.ResolveLinks(path)).Kind == FileNodeKind.File)];
            _directories.Add(realDirectory, paths);
        }

        return paths;
    }
}
