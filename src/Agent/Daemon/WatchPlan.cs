using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Daemon;

/// <summary>
/// Which entries of which directories the daemon must see for a set of watched paths.
/// inotify watches directories and reports their entries by name, so a node is seen from its
/// parent (a rename, a deletion, a link put in its place, a chmod all show there), and only
/// the names asked for count: the other entries of <c>/</c> or <c>/var</c> are not a change.
/// </summary>
internal sealed class WatchPlan
{
    // Per watched directory, the entry names that count; null when every entry does.
    private readonly Dictionary<string, HashSet<string>?> _names = new(StringComparer.Ordinal);

    public WatchPlan(IEnumerable<WatchedPath> paths)
    {
        foreach (var watched in paths)
        {
            var path = AppliancePath.Normalize(watched.Path);
            switch (watched.Scope)
            {
                case WatchScope.NodeAndAncestors:
                    foreach (var ancestor in Ancestors(path))
                    {
                        AddNode(ancestor);
                    }

                    AddNode(path);
                    break;
                case WatchScope.Entries:
                    AddNode(path);
                    _names[path] = null;
                    break;
                default:
                    AddNode(path);
                    break;
            }
        }
    }

    /// <summary>The directories to watch, as appliance paths.</summary>
    public IReadOnlyCollection<string> Directories => _names.Keys;

    /// <summary>Whether an event on the entry <paramref name="name"/> of <paramref name="directory"/> can break a rule.</summary>
    public bool Matters(string directory, string name) =>
        _names.TryGetValue(directory, out var names) && (names is null || names.Contains(name));

    private static IEnumerable<string> Ancestors(string path)
    {
        var parts = AppliancePath.Split(path).ToList();
        return Enumerable.Range(1, Math.Max(0, parts.Count - 1)).Select(count => AppliancePath.Join(parts.Take(count)));
    }

    private void AddNode(string path)
    {
        if (path == "/")
        {
            return; // the root cannot be renamed nor replaced
        }

        var parent = AppliancePath.Parent(path);
        if (!_names.TryGetValue(parent, out var names))
        {
            _names[parent] = names = new HashSet<string>(StringComparer.Ordinal);
        }

        names?.Add(AppliancePath.FileName(path));
    }
}
