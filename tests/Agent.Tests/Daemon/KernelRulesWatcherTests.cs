using CloudSharkHardening.Agent.Daemon;
using CloudSharkHardening.Agent.Tests.Support;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.TestSupport;
using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Tests.Daemon;

/// <summary>
/// Which watch the daemon keeps on the kernel's rules, for a firewall rule whose iptables
/// tools are stand-ins: <c>-V</c> names the nf_tables backend, <c>-save</c> shows a filter
/// table without the agent's chain (drift, whenever it is read).
/// </summary>
public sealed class KernelRulesWatcherTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly TriggerInbox _inbox = new(TimeProvider.System);
    private readonly TempTree _tree = new();
    private readonly RecordingLogger<KernelRulesWatcher> _log = new();
    private readonly string _tools = Directory.CreateTempSubdirectory("cloudshark-iptables-").FullName;
    private int _opened;

    public KernelRulesWatcherTests()
    {
        _tree.MakeDirectory("/proc/sys/net/ipv6");
        foreach (var tool in new[] { "iptables", "ip6tables" })
        {
            Tool(tool, $"echo '{tool} v1.8.9 (nf_tables)'");
            Tool($"{tool}-save", @"printf '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n'");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tree.Dispose();
        Directory.Delete(_tools, recursive: true);
        await ValueTask.CompletedTask;
    }

    [Fact]
    public async Task RuleOff_WatchesNothingAndSaysSo()
    {
        await using var watcher = Watcher(() => throw new InvalidOperationException("no socket may be opened"));

        await watcher.WatchAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([(LogLevel.Information, "Not watching the kernel's firewall rules: the firewall rule is off")], _log.Entries);
        Assert.Null(_time.NextDue());
        Assert.Null(await _inbox.NextAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task NotificationsRefused_WarnsAndPollsInstead()
    {
        await using var watcher = Watcher(() => throw new IOException("bind to NFNLGRP_NFTABLES: Operation not permitted"));
        var start = _time.GetUtcNow();

        await watcher.WatchAsync(Rule(), CancellationToken.None);
        var due = await ArmedAsync();
        _time.Advance(due - _time.GetUtcNow());

        Assert.Equal(
            [
                (LogLevel.Warning, "No nf_tables notifications (bind to NFNLGRP_NFTABLES: Operation not permitted); polling the kernel's firewall rules instead"),
                (LogLevel.Information, "Watching the kernel's firewall rules by reading them every 10 s (the legacy backend announces no change)"),
            ],
            _log.Entries);
        Assert.Equal(FirewallPoll.Interval, due - start);
        Assert.Equal("firewall poll", (await _inbox.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None))?.ToString());
    }

    [Fact]
    public async Task NfTablesBackend_WakesOnAChangeInTheKernelAndKeepsItsWatchAcrossPasses()
    {
        using var space = NetworkNamespace.Create();
        space.Nft("add table ip filter\nadd chain ip filter INPUT { type filter hook input priority 0; }\n");
        await using var watcher = Watcher(() => space.Inside(NfTablesSocket.Open));
        var rule = Rule();

        await watcher.WatchAsync(rule, CancellationToken.None);
        await watcher.WatchAsync(rule, CancellationToken.None);
        space.Nft("insert rule ip filter INPUT tcp dport 80 accept\n");

        Assert.Equal(TriggerKind.Firewall, (await _inbox.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None))?.Kind);
        Assert.Equal(1, _opened);
        Assert.Equal([(LogLevel.Information, "Watching the kernel's firewall rules through nf_tables notifications (netlink)")], _log.Entries);
    }

    private KernelRulesWatcher Watcher(Func<NfTablesSocket> open) => new(_time, _inbox, () =>
    {
        _opened++;
        return open();
    }, _log);

    private FirewallRule Rule() => new(FirewallOptions.For(Platform.RedHat) with { ProgramDirectory = _tools }, _tree.HostWith(new FakeLiveSystem()));

    private void Tool(string name, string body)
    {
        var path = Path.Combine(_tools, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>When the poll's first read falls due, once its thread has armed the timer.</summary>
    private async Task<DateTimeOffset> ArmedAsync()
    {
        for (var i = 0; i < 10_000; i++)
        {
            if (_time.NextDue() is { } due)
            {
                return due;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1));
        }

        throw new TimeoutException("the poll armed no timer");
    }
}
