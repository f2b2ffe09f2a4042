using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Tests.Daemon;

public sealed class WatchPlanTests
{
    [Fact]
    public void NodeAndAncestors_WatchesEachAncestorsParentForThatOneName()
    {
        var plan = new WatchPlan([new WatchedPath("/var/www/uploads", WatchScope.NodeAndAncestors)]);

        Assert.Equal(["/", "/var", "/var/www"], plan.Directories.Order(StringComparer.Ordinal));
        Assert.True(plan.Matters("/", "var"));
        Assert.True(plan.Matters("/var", "www"));
        Assert.True(plan.Matters("/var/www", "uploads"));
        Assert.False(plan.Matters("/", "etc"));
        Assert.False(plan.Matters("/var", "log"));
    }

    [Fact]
    public void Node_IsSeenFromItsParentOnly_NotItsEntries()
    {
        var plan = new WatchPlan([new WatchedPath("/cap", WatchScope.Node)]);

        Assert.Equal(["/"], plan.Directories);
        Assert.True(plan.Matters("/", "cap"));
        Assert.False(plan.Matters("/cap", "capture.pcap"));
    }

    [Fact]
    public void Entries_WatchesTheDirectoryForEveryNameAndItsNodeFromTheParent()
    {
        var plan = new WatchPlan([
            new WatchedPath("/etc/my.cnf.d/server.cnf", WatchScope.Node),
            new WatchedPath("/etc/my.cnf.d", WatchScope.Entries)]);

        Assert.True(plan.Matters("/etc", "my.cnf.d"));
        Assert.True(plan.Matters("/etc/my.cnf.d", "server.cnf"));
        Assert.True(plan.Matters("/etc/my.cnf.d", "zz-new.cnf"));
    }

    [Fact]
    public void Paths_AreNormalized()
    {
        var plan = new WatchPlan([new WatchedPath("//etc/./sysconfig//memcached", WatchScope.Node)]);

        Assert.True(plan.Matters("/etc/sysconfig", "memcached"));
    }
}
