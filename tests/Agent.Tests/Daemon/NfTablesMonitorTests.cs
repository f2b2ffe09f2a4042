using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Agent.Tests.Support;
using CloudSharkHardening.Remediators.Host;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>
/// The netlink socket and the monitor against a real kernel: rules changed with nft in a
/// network namespace the test makes, so the machine's own firewall is never touched.
/// </summary>
public sealed class NfTablesMonitorTests : IDisposable
{
    private const string FilterInput = "add table ip filter\nadd chain ip filter INPUT { type filter hook input priority 0; }\n";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly NetworkNamespace _space = NetworkNamespace.Create();
    private readonly TriggerInbox _inbox = new(TimeProvider.System);

    public void Dispose() => _space.Dispose();

    [Fact]
    public async Task RuleInsertedIntoTheIptablesFilterTable_WakesTheMonitorWithAFirewallTrigger()
    {
        _space.Nft(FilterInput);
        using var monitor = new NfTablesMonitor(_space.Inside(NfTablesSocket.Open), new TriggerThrottle(TimeProvider.System, NfTablesMonitor.Window, _inbox), NullLogger.Instance);

        _space.Nft("insert rule ip filter INPUT tcp dport 80 accept\n");

        var trigger = await _inbox.NextAsync(Patience, CancellationToken.None);
        Assert.Equal((TriggerKind.Firewall, "nf_tables (1 change(s) to an iptables filter table)"), (trigger?.Kind, trigger?.Detail));
    }

    [Fact]
    public void OthersTables_ArePassedOverAndOnlyTheFilterTablesChangesCount()
    {
        using var socket = _space.Inside(NfTablesSocket.Open);

        _space.Nft("add table inet f2b-table\nadd set inet f2b-table banned { type ipv4_addr; }\nadd element inet f2b-table banned { 192.0.2.1 }\nadd table ip nat\n");
        _space.Nft(FilterInput + "add table ip6 filter\n");

        Assert.Equal(new NfTablesReading(3, Lost: false), socket.Wait());
    }

    [Fact]
    public void MoreNotificationsThanTheSocketQueues_AreReportedLost()
    {
        using var socket = _space.Inside(NfTablesSocket.Open);

        // One batch, nobody reading: a few thousand rule messages overflow the receive queue.
        _space.Nft(FilterInput + string.Concat(Enumerable.Range(0, 4000).Select(i => $"add rule ip filter INPUT ip saddr 10.1.{i / 256}.{i % 256} drop\n")));

        Assert.True(socket.Wait()!.Lost);
    }

    [Fact]
    public async Task Stop_MakesAWaitingReaderReturnNull()
    {
        using var socket = _space.Inside(NfTablesSocket.Open);
        var reader = Task.Run(socket.Wait);

        socket.Stop();

        Assert.Null(await reader.WaitAsync(Patience));
    }
}
