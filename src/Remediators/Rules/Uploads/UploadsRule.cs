using System.Globalization;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.Uploads;

/// <summary>
/// Keeps CloudShark's uploads path a symlink to the storage directory, which must be a real
/// directory owned by the CloudShark account. Never loses a capture: a real uploads directory
/// is renamed aside, never deleted, merged, copied into or overwritten.
/// </summary>
public sealed class UploadsRule(UploadsOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "uploads";

    private const UnixFileMode StorageMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <inheritdoc/>
    public string Name => RuleName;

    /// <summary>
    /// The uploads link and the storage directory, each with every directory above it (whoever
    /// owns an ancestor can rename it or put a link in its place), but not what is inside the
    /// storage directory: a capture written there cannot break the rule, and would cost a pass.
    /// </summary>
    public IReadOnlyList<WatchedPath> WatchedPaths =>
        [new(options.UploadsPath, WatchScope.NodeAndAncestors), new(options.StorageDirectory, WatchScope.NodeAndAncestors)];

    /// <inheritdoc/>
    public IReadOnlyList<string> WatchedUnits => [];

    /// <inheritdoc/>
    public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Check());
    }

    /// <inheritdoc/>
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);

    private Plan Check()
    {
        var storage = AppliancePath.Normalize(options.StorageDirectory);
        var uploads = UploadsPath();
        if (storage == uploads || storage.StartsWith(uploads + "/", StringComparison.Ordinal))
        {
            throw new HardeningException($"the storage directory {storage} lies inside {uploads}, which is to become a link to it; choose a storage directory elsewhere");
        }

        var changes = new List<Change>();
        var notes = new List<string>();
        if (StorageChange(storage) is { } storageChange)
        {
            changes.Add(storageChange);
        }

        AddUploadsChanges(uploads, storage, changes, notes);
        return new Plan(Name, [.. changes], [], [.. notes]);
    }

    // The uploads path with the links in its parent followed inside the root, so every later
    // lstat, rename and link acts on the directory the appliance itself would use.
    private string UploadsPath()
    {
        var configured = AppliancePath.Normalize(options.UploadsPath);
        var parent = host.Files.ResolveLinks(AppliancePath.Parent(configured));
        if (host.Files.Stat(parent).Kind != FileNodeKind.Directory)
        {
            throw new HardeningException($"{AppliancePath.Parent(configured)} does not exist (is CloudShark installed?); {configured} was not touched");
        }

        return AppliancePath.Combine(parent, AppliancePath.FileName(configured));
    }

    // Creating the directory or fixing its owner; never its mode, never what is inside it.
    private Change? StorageChange(string storage)
    {
        var userId = host.Accounts.UserId(options.User);
        var groupId = host.Accounts.GroupId(options.Group);
        if (host.Files.FirstSymlinkOnPath(storage) is { } link)
        {
            throw new HardeningException($"{storage} is reached through a link you did not expect: {link} is a symlink (to {host.Files.Stat(link).LinkTarget}); set the storage directory to the real path");
        }

        var node = host.Files.Stat(storage);
        switch (node.Kind)
        {
            case FileNodeKind.Missing:
                var parent = AppliancePath.Parent(storage);
                if (host.Files.Stat(parent).Kind != FileNodeKind.Directory)
                {
                    throw new HardeningException($"cannot create {storage}: its parent {parent} does not exist (is the storage mounted?)");
                }

                return new DirectoryCreate(storage, options.User, options.Group, StorageMode);
            case FileNodeKind.Directory when node.IsWorldWritable:
                throw new HardeningException($"{storage} is world-writable (mode {Octal(node.Mode)}): any local user could plant captures there; remove o+w yourself (chmod o-w {storage}), the agent does not change it silently");
            case FileNodeKind.Directory:
                return node.UserId == userId && node.GroupId == groupId
                    ? null
                    : new OwnershipSet(storage, options.User, options.Group, $"{host.Accounts.UserName(node.UserId)}:{host.Accounts.GroupName(node.GroupId)}");
            default:
                throw new HardeningException($"{storage} exists but is not a directory ({node.Kind}); captures cannot be stored there");
        }
    }

    private void AddUploadsChanges(string uploads, string storage, List<Change> changes, List<string> notes)
    {
        var node = host.Files.Stat(uploads);
        switch (node.Kind)
        {
            case FileNodeKind.Symlink:
                var target = node.LinkTarget ?? "";
                if (LinkTarget.Resolve(AppliancePath.Parent(uploads), target) != storage)
                {
                    notes.Add($"{uploads} pointed to {target}; nothing there was moved or deleted: move its captures into {storage} if CloudShark should keep showing them");
                    changes.Add(new SymlinkSet(uploads, storage, target));
                }

                break;
            case FileNodeKind.Missing:
                changes.Add(new SymlinkSet(uploads, storage, null));
                break;
            case FileNodeKind.Directory:
                changes.Add(new MoveAside(uploads, AsideName(uploads, storage, notes), $"a real directory stands where the link to {storage} belongs; it is kept whole, never deleted or merged"));
                changes.Add(new SymlinkSet(uploads, storage, null));
                break;
            default:
                throw new HardeningException($"{uploads} is neither a directory nor a symlink ({node.Kind}); the agent will not replace it");
        }
    }

    private string AsideName(string uploads, string storage, List<string> notes)
    {
        var original = uploads + ".original";
        if (!host.Files.Stat(original).Exists)
        {
            notes.Add($"{uploads} is moved to {original}; its captures are not copied into {storage}: move them there if CloudShark should keep showing them");
            return original;
        }

        var stamped = $"{original}.{host.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        if (host.Files.Stat(stamped).Exists)
        {
            throw new HardeningException($"{uploads} is a real directory again, and both {original} and {stamped} already exist; move one of them away and run again");
        }

        notes.Add($"{original} already exists from an earlier run, and {uploads} is a real directory again (a package upgrade recreated it?): it is moved to {stamped}. Both are kept; move their captures into {storage}");
        return stamped;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
