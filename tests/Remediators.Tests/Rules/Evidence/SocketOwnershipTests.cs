using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.Remediators.Tests.Host.Listeners;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Rules.Evidence;

/// <summary>
/// From a /proc tree to memcached's plan: the captured tables hold UDP 0.0.0.0:11211 and
/// [::]:11211, and whose they are comes from the holding process's cgroup, not from its name.
/// </summary>
public sealed class SocketOwnershipTests : IDisposable
{
    private static readonly long[] UdpSockets = [623523, 623526];
    private readonly TempTree _tree = TempTree.FromSample().WithTables();
    private readonly FakeLiveSystem _live = new();

    [Fact]
    public async Task Check_ProcessInMemcachedsCgroupHoldsUdp_PlansARestart()
    {
        _tree.WithProcess(412, "memcached", "0::/system.slice/memcached.service\n", UdpSockets);

        var plan = await CheckAsync();

        Assert.Equal([UnitAction.Restart("memcached.service")], plan.UnitActions.ToArray());
    }

    [Theory]
    [InlineData("0::/user.slice/user-1000.slice/session-3.scope\n")]
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/app.slice/memcached.service\n")]
    public async Task Check_ProcessCalledMemcachedInAUsersCgroupHoldsUdp_IsNotMemcachedsAndCostsNoRestart(string cgroup)
    {
        _tree.WithProcess(412, "memcached", "0::/system.slice/memcached.service\n")
            .WithProcess(5000, "memcached", cgroup, UdpSockets);

        var plan = await CheckAsync();

        Assert.True(plan.IsCompliant);
    }

    public void Dispose() => _tree.Dispose();

    private async Task<Plan> CheckAsync()
    {
        _tree.Write("/etc/sysconfig/memcached", "OPTIONS=\"-l 127.0.0.1 -U 0\"\n");
        _live.Sockets.AddRange(new ListenerProbe(_tree.Files).Listeners());
        return await new MemcachedRule(MemcachedOptions.For(Platform.RedHat), _tree.HostWith(_live)).CheckAsync(CancellationToken.None);
    }
}
