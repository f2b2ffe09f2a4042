using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Watches the rules' paths through inotify (FileSystemWatcher on Linux), one watch per
/// directory: the parent of every path, since editors and package managers replace files by
/// rename, and the path itself when it is a directory. Costs nothing while nothing changes.
/// </summary>
public sealed class PathWatcher(RootedFileSystem files, TriggerInbox triggers) : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private HashSet<string> _watched = new(StringComparer.Ordinal);

    /// <summary>Watches exactly these paths from now on (the set changes when includes do).</summary>
    public void Watch(IEnumerable<string> paths)
    {
        var wanted = paths.Select(AppliancePath.Normalize).ToHashSet(StringComparer.Ordinal);
        if (wanted.SetEquals(_watched))
        {
            return;
        }

        Dispose();
        _watched = wanted;
        var directories = wanted.Select(AppliancePath.Parent)
            .Concat(wanted.Where(p => files.Stat(p).Kind == FileNodeKind.Directory))
            .Distinct(StringComparer.Ordinal)
            .Where(d => Directory.Exists(files.HostPath(d)));
        foreach (var directory in directories)
        {
            var watcher = new FileSystemWatcher(files.HostPath(directory))
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Attributes | NotifyFilters.Security,
            };
            watcher.Changed += OnEvent;
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    public int DirectoryCount => _watchers.Count;

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var path = ToAppliancePath(e.FullPath);
        var parent = AppliancePath.Parent(path);
        // A directory's own entries matter when the directory is watched (an !includedir, /cap).
        if (_watched.Contains(path) || _watched.Contains(parent) || (e is RenamedEventArgs renamed && _watched.Contains(ToAppliancePath(renamed.OldFullPath))))
        {
            triggers.Post(new Trigger(TriggerKind.Path, path));
        }
    }

    private string ToAppliancePath(string hostPath) =>
        files.Root == "/" ? hostPath : "/" + Path.GetRelativePath(files.Root, hostPath).Replace('\\', '/');
}
