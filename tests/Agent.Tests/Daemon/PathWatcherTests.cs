using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.Remediators.Rules.Uploads;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>
/// The watcher on real trees and real inotify, watching what the uploads rule asks for. A
/// trigger that must not come is shown absent by a later change that must: one inotify queue
/// keeps events in order, so the first trigger would be the unwanted one.
/// </summary>
public sealed class PathWatcherTests : IDisposable
{
    private const string Shared = "/var/www/cloudshark/shared";
    private const string Uploads = Shared + "/uploads";
    private const string Storage = "/cap";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TempTree _tree = new();
    private readonly TriggerInbox _inbox = new(TimeProvider.System);
    private readonly PathWatcher _watcher;

    public PathWatcherTests()
    {
        _tree.MakeDirectory(Storage).Symlink(Uploads, Storage).MakeDirectory("/elsewhere");
        _watcher = new PathWatcher(_tree.Files, _inbox);
        _watcher.Watch(new UploadsRule(UploadsOptions.Default, _tree.Host).WatchedPaths);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public async Task CaptureWrittenIntoTheStorageDirectory_PostsNoTrigger()
    {
        _tree.Write("/cap/capture-1.pcap", "packets");
        File.AppendAllText(_tree.HostPath("/cap/capture-1.pcap"), "more packets");

        Chmod(Storage, "0700");

        Assert.Equal(Storage, await NextPathAsync());
    }

    [Fact]
    public async Task StorageDirectoryModeChanged_PostsATriggerForIt()
    {
        Chmod(Storage, "0777");

        Assert.Equal(Storage, await NextPathAsync());
    }

    [Fact]
    public async Task StorageDirectoryOwnerSet_PostsATriggerForIt()
    {
        var node = _tree.Files.Stat(Storage);

        _tree.Chown(Storage, node.UserId, node.GroupId);

        Assert.Equal(Storage, await NextPathAsync());
    }

    [Fact]
    public async Task StorageDirectoryRemoved_PostsATriggerForIt()
    {
        Directory.Delete(_tree.HostPath(Storage));

        Assert.Equal(Storage, await NextPathAsync());
    }

    [Fact]
    public async Task AncestorRenamed_PostsATriggerForIt()
    {
        Directory.Move(_tree.HostPath(Shared), _tree.HostPath(Shared + ".old"));

        Assert.Equal(Shared, await NextPathAsync());
    }

    [Fact]
    public async Task AncestorReplacedByALink_PostsATriggerForTheRenameAndForTheLink()
    {
        SwapSharedForLinkTo("/elsewhere");

        Assert.Equal(Shared, await NextPathAsync());
        Assert.Equal(Shared, await NextPathAsync());
    }

    [Fact]
    public async Task AncestorReplacedByALink_NothingIsWatchedThroughTheLink()
    {
        // Relative, so that a watcher following links would land in this tree's /elsewhere.
        SwapSharedForLinkTo("../../../elsewhere");
        await NextPathAsync();
        await NextPathAsync();

        _tree.Symlink("/elsewhere/uploads", "/etc");
        Chmod(Storage, "0700");

        Assert.Equal(Storage, await NextPathAsync());
    }

    [Fact]
    public async Task AfterAnAncestorSwap_AChangeAtTheNewPathIsStillSeenAndTheOldTreeIsLetGo()
    {
        Directory.Move(_tree.HostPath(Shared), _tree.HostPath(Shared + ".old"));
        _tree.MakeDirectory(Shared);
        Assert.Equal(Shared, await NextPathAsync());
        Assert.Equal(Shared, await NextPathAsync());

        File.Delete(_tree.HostPath(Shared + ".old/uploads"));
        _tree.Symlink(Uploads, Storage);

        Assert.Equal(Uploads, await NextPathAsync());
    }

    [Fact]
    public async Task UploadsLinkReplacedByADirectory_PostsATriggerForIt()
    {
        File.Delete(_tree.HostPath(Uploads));

        Assert.Equal(Uploads, await NextPathAsync());
    }

    [Fact]
    public async Task WatchedFileEditedInPlace_PostsATriggerAndASiblingDoesNot()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-U 0\"\n").Write("/etc/sysconfig/other", "x\n");
        _watcher.Watch([new WatchedPath("/etc/sysconfig/memcached", WatchScope.Node)]);

        File.AppendAllText(_tree.HostPath("/etc/sysconfig/other"), "y\n");
        File.AppendAllText(_tree.HostPath("/etc/sysconfig/memcached"), "# edited\n");

        Assert.Equal("/etc/sysconfig/memcached", await NextPathAsync());
    }

    [Fact]
    public async Task FileDroppedIntoAWatchedDirectory_PostsATrigger()
    {
        _tree.MakeDirectory("/etc/my.cnf.d");
        _watcher.Watch([new WatchedPath("/etc/my.cnf.d", WatchScope.Entries)]);

        _tree.Write("/etc/my.cnf.d/zz.cnf", "[mysqld]\n");

        Assert.Equal("/etc/my.cnf.d/zz.cnf", await NextPathAsync());
    }

    [Fact]
    public async Task WatchedDirectoryCreatedLater_ItsEntriesAreWatchedFromThen()
    {
        _tree.MakeDirectory("/etc");
        _watcher.Watch([new WatchedPath("/etc/my.cnf.d", WatchScope.Entries)]);
        _tree.MakeDirectory("/etc/my.cnf.d");
        Assert.Equal("/etc/my.cnf.d", await NextPathAsync());

        _tree.Write("/etc/my.cnf.d/zz.cnf", "[mysqld]\n");

        Assert.Equal("/etc/my.cnf.d/zz.cnf", await NextPathAsync());
    }

    // What the cloudshark account (uid 1000) can do: its link, which the agent never follows.
    private void SwapSharedForLinkTo(string target)
    {
        _tree.Symlink(Shared + ".new", target).Chown(Shared + ".new", 1000, 1000);
        Directory.Move(_tree.HostPath(Shared), _tree.HostPath(Shared + ".old"));
        _tree.Rename(Shared + ".new", Shared);
    }

    private void Chmod(string path, string octal) =>
        File.SetUnixFileMode(_tree.HostPath(path), (UnixFileMode)Convert.ToInt32(octal, 8));

    private async Task<string> NextPathAsync()
    {
        var trigger = await _inbox.NextAsync(Patience, CancellationToken.None);
        Assert.NotNull(trigger);
        Assert.Equal(TriggerKind.Path, trigger.Kind);
        return trigger.Detail;
    }
}
