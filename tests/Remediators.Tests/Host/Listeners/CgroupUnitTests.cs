using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

public sealed class CgroupUnitTests
{
    [Theory]
    [InlineData("0::/system.slice/memcached.service\n", "memcached.service")]
    [InlineData("0::/init.scope\n", "init.scope")]
    [InlineData("0::/system.slice/mariadb.socket\n", "mariadb.socket")]
    [InlineData("0::/system.slice/system-getty.slice/getty@tty1.service\n", "getty@tty1.service")]
    [InlineData("0::/system.slice/cloudshark.service/workers/pool-1\n", "cloudshark.service")]
    [InlineData("0::/user.slice/user-1000.slice/session-4.scope", "session-4.scope")]
    [InlineData("0::/custom.slice/custom-cache.slice/memcached.service\n", "memcached.service")]
    [InlineData("0::/system.slice/__odd.service\n", "_odd.service")]
    public void From_UnifiedHierarchy_IsTheFirstUnitBelowTheSlices(string cgroup, string unit)
    {
        Assert.Equal(unit, CgroupUnit.From(cgroup));
    }

    [Theory]
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/app.slice/memcached.service\n")]
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-x.scope/system.slice/memcached.service\n")]
    [InlineData("1:name=systemd:/user.slice/user-1000.slice/user@1000.service/memcached.service\n")]
    public void From_ServiceNamedLikeASystemUnitInsideAUsersManager_IsTheUsersManager(string cgroup)
    {
        // Below its own user@.service a user names cgroups as it likes; the position decides.
        Assert.Equal("user@1000.service", CgroupUnit.From(cgroup));
    }

    [Theory]
    [InlineData("0::/user.slice/user-1000.slice/session-3.scope/memcached.service\n", "session-3.scope")]
    [InlineData("0::/machine.slice/libpod-1234.scope/system.slice/memcached.service\n", "libpod-1234.scope")]
    public void From_MemcachedServiceBelowAScope_IsTheScope(string cgroup, string unit)
    {
        Assert.Equal(unit, CgroupUnit.From(cgroup));
    }

    [Fact]
    public void From_CgroupV1_ReadsTheSystemdNamedHierarchyOnly()
    {
        const string cgroup = "11:cpuset:/other.scope\n4:memory:/system.slice/wrong.service\n1:name=systemd:/system.slice/memcached.service\n";

        Assert.Equal("memcached.service", CgroupUnit.From(cgroup));
    }

    [Fact]
    public void From_HybridWithAnEmptyUnifiedRoot_FallsBackToTheNamedHierarchy()
    {
        // Shaped like /proc/self/cgroup on the machine the fixtures came from: v1, unified root only.
        const string cgroup = "9:name=systemd:/system.slice/sshd.service\n8:pids:/\n4:memory:/process_api/63799a7f\n0::/\n";

        Assert.Equal("sshd.service", CgroupUnit.From(cgroup));
    }

    [Fact]
    public void From_HybridWithBoth_PrefersTheUnifiedHierarchy()
    {
        Assert.Equal("b.service", CgroupUnit.From("1:name=systemd:/system.slice/a.service\n0::/system.slice/b.service\n"));
    }

    [Theory]
    [InlineData("0::/\n")]
    [InlineData("0::/machine.slice\n")]
    [InlineData("0::/system.slice/.service\n")]
    [InlineData("0::/system.slice/home.mount\n")]
    [InlineData("5:devices:/system.slice/memcached.service\n")]
    [InlineData("")]
    [InlineData("garbage\n")]
    [InlineData("0::/../../system.slice/memcached.service\n")]
    [InlineData("0::system.slice/memcached.service\n")]
    public void From_NoUnitOnSystemdsHierarchy_IsNull(string cgroup)
    {
        Assert.Null(CgroupUnit.From(cgroup));
    }

    [Fact]
    public void From_PathWithColons_KeepsThem()
    {
        Assert.Equal("a:b.service", CgroupUnit.From("0::/system.slice/a:b.service\n"));
    }

    [Theory]
    [InlineData("0::/payload/box/system.slice/memcached.service\n", "memcached.service")]
    [InlineData("0::/payload/box/user.slice/user-1000.slice/session-3.scope\n", "session-3.scope")]
    [InlineData("0::/payload/other-box/system.slice/memcached.service\n", null)]
    public void From_ContainerWithoutCgroupNamespace_ReadsUnitsBelowPid1sRoot(string cgroup, string? unit)
    {
        Assert.Equal(unit, CgroupUnit.From(cgroup, managerCgroupFile: "0::/payload/box/init.scope\n"));
    }
}
