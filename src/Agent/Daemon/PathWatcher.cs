using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Watches what the rules say can break them (<see cref="WatchedPath"/>) through inotify, and
/// posts a trigger only for an event on a name that matters. Each directory is opened without
/// following links before it is watched, so a link planted in a path is watched as a node and
/// never entered. A watch follows its directory's inode, so when a watched name is renamed,
/// created or deleted (an ancestor swapped for a link, say) every watch is placed again on
/// what the paths name now. Costs nothing while nothing changes.
/// A directory reached only through a link (say <c>/var/www</c> made a link to <c>/srv/www</c>)
/// is not watched below the link, nor one the kernel refuses a watch for (the per-user watch
/// limit): the link itself is watched, and the interval's pass finds the rest.
/// </summary>
public sealed class PathWatcher : IDisposable
{
    private const InotifyEvents Asked =
        InotifyEvents.Modify | InotifyEvents.Attrib | InotifyEvents.CloseWrite |
        InotifyEvents.MovedFrom | InotifyEvents.MovedTo | InotifyEvents.Create | InotifyEvents.Delete |
        InotifyEvents.DeleteSelf | InotifyEvents.MoveSelf | InotifyEvents.OnlyDirectory;

    private const InotifyEvents NameChanges = InotifyEvents.MovedFrom | InotifyEvents.MovedTo | InotifyEvents.Create | InotifyEvents.Delete;
    private const InotifyEvents DirectoryGone = InotifyEvents.DeleteSelf | InotifyEvents.MoveSelf | InotifyEvents.Unmount;

    private readonly RootedFileSystem _files;
    private readonly TriggerInbox _triggers;
    private readonly Inotify _inotify;
    private readonly Lock _gate = new();
    private HashSet<WatchedPath> _watched = [];
    private WatchPlan _plan = new([]);

    // Per watch descriptor, the directories it watches (one inode may be reached by two paths).
    private Dictionary<int, List<string>> _directories = [];

    public PathWatcher(RootedFileSystem files, TriggerInbox triggers)
    {
        _files = files;
        _triggers = triggers;
        _inotify = new Inotify(OnEvent);
    }

    /// <summary>Watches exactly these paths from now on (the set changes when includes do).</summary>
    public void Watch(IEnumerable<WatchedPath> paths)
    {
        var wanted = paths.Select(p => p with { Path = AppliancePath.Normalize(p.Path) }).ToHashSet();
        lock (_gate)
        {
            if (wanted.SetEquals(_watched))
            {
                return;
            }

            _watched = wanted;
            _plan = new WatchPlan(wanted);
            Arm();
        }
    }

    public void Dispose() => _inotify.Dispose();

    // Places a watch on every directory the plan names as it is now, and drops the rest. A
    // directory that is missing, or reached only through a link the agent does not follow, is
    // not watched: the watch on its parent sees its name change, which arms again.
    private void Arm()
    {
        var armed = new Dictionary<int, List<string>>();
        foreach (var directory in _plan.Directories)
        {
            using var handle = _files.OpenDirectory(directory);
            var watch = handle is null ? -1 : _inotify.Watch(handle, Asked);
            if (watch >= 0)
            {
                armed.TryAdd(watch, []);
                armed[watch].Add(directory);
            }
        }

        foreach (var stale in _directories.Keys.Where(watch => !armed.ContainsKey(watch)))
        {
            _inotify.Unwatch(stale);
        }

        _directories = armed;
    }

    private void OnEvent(InotifyEvent change)
    {
        lock (_gate)
        {
            if (change.Has(InotifyEvents.QueueOverflow))
            {
                // Events were lost: anything may have changed, and any watch may be stale.
                Arm();
                Post(["(inotify queue overflowed)"]);
                return;
            }

            if (!_directories.TryGetValue(change.Watch, out var directories))
            {
                return; // a watch already dropped
            }

            // Armed again before the trigger is posted, so the pass it starts, and whoever
            // changes the tree next, meets watches on what the paths name now.
            if (change.Has(DirectoryGone | InotifyEvents.Ignored))
            {
                Arm();
                Post(change.Has(DirectoryGone) ? directories : []);
                return;
            }

            var changed = directories.Where(d => _plan.Matters(d, change.Name)).Select(d => AppliancePath.Combine(d, change.Name)).ToList();
            if (changed.Count > 0 && change.Has(NameChanges))
            {
                Arm();
            }

            Post(changed);
        }
    }

    private void Post(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _triggers.Post(new Trigger(TriggerKind.Path, path));
        }
    }
}
