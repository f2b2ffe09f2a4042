using System.Net;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

/// <summary>The probe on tables captured from a real kernel (see Fixtures/proc/README.md).</summary>
public sealed class ListenerProbeFixtureTests
{
    [Fact]
    public void Listeners_CapturedTables_FindsEveryTcpListenerAndEveryUdpSocketInKernelOrder()
    {
        using var tree = new TempTree().WithTables();

        var listeners = new ListenerProbe(tree.Files).Listeners();

        // Hand-checked against the capture log: the two ESTABLISHED rows of tcp are not listeners.
        Assert.Equal(
            [
                new Listener(Transport.Tcp, IPAddress.Parse("127.0.0.1"), 11211, 623515, 103, null),
                new Listener(Transport.Tcp, IPAddress.Parse("127.0.0.2"), 9000, 623517, 0, null),
                new Listener(Transport.Tcp, IPAddress.Parse("0.0.0.0"), 80, 623516, 0, null),
                new Listener(Transport.Tcp, IPAddress.Parse("::"), 443, 623519, 0, null),
                new Listener(Transport.Tcp, IPAddress.Parse("::1"), 3306, 623518, 102, null),
                new Listener(Transport.Tcp, IPAddress.Parse("::ffff:127.0.0.1"), 5000, 623520, 0, null),
                new Listener(Transport.Udp, IPAddress.Parse("0.0.0.0"), 11211, 623523, 103, null),
                new Listener(Transport.Udp, IPAddress.Parse("127.0.0.1"), 53, 623524, 0, null),
                new Listener(Transport.Udp, IPAddress.Parse("127.0.0.1"), 40000, 623525, 0, null),
                new Listener(Transport.Udp, IPAddress.Parse("::"), 11211, 623526, 0, null),
                new Listener(Transport.Udp, IPAddress.Parse("::1"), 123, 623527, 0, null),
            ],
            listeners);
    }

    [Fact]
    public void Listeners_CapturedTables_ClassifyLoopbackAndWildcard()
    {
        using var tree = new TempTree().WithTables();

        var listeners = new ListenerProbe(tree.Files).Listeners();

        Assert.Equal(
            ["tcp 127.0.0.1:11211", "tcp 127.0.0.2:9000", "tcp [::1]:3306", "tcp [::ffff:127.0.0.1]:5000", "udp 127.0.0.1:53", "udp 127.0.0.1:40000", "udp [::1]:123"],
            listeners.Where(listener => listener.IsLoopback).Select(Endpoint));
        Assert.Equal(
            ["tcp 0.0.0.0:80", "tcp [::]:443", "udp 0.0.0.0:11211", "udp [::]:11211"],
            listeners.Where(listener => listener.IsWildcard).Select(Endpoint));
    }

    [Fact]
    public void UnixListeners_CapturedTable_FindsListeningStreamSocketsOnly()
    {
        using var tree = new TempTree().WithTables();

        var listeners = new ListenerProbe(tree.Files).UnixListeners();

        // Not the bound-only stream socket, the datagram socket, or the socketpair.
        Assert.Equal(
            [
                new UnixListener("/tmp/cloudshark-probe/mysql.sock", 623528, null),
                new UnixListener("/tmp/cloudshark-probe/with space.sock", 623529, null),
                new UnixListener("@cloudshark-probe", 623530, null),
            ],
            listeners);
    }

    [Fact]
    public void Listeners_DamagedTcpTable_SkipsMalformedAndCutRowsAndKeepsTheRest()
    {
        using var tree = new TempTree().WithTables("damaged");

        var tcp = new ListenerProbe(tree.Files).Listeners().Where(listener => listener.Transport == Transport.Tcp && listener.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);

        // Row 3 was cut inside its inode (6235): had it been read, it would name a socket that does not exist.
        // Row 4 was cut inside the kernel pointer, after a complete inode, and still counts.
        Assert.Equal([(11211, 623515L), (80, 623516L), (443, 623999L)], tcp.Select(listener => (listener.Port, listener.Inode)));
    }

    [Fact]
    public void UnixListeners_DamagedTable_SkipsMalformedRowsAndNamelessListeners()
    {
        using var tree = new TempTree().WithTables("damaged");

        var listeners = new ListenerProbe(tree.Files).UnixListeners();

        Assert.Equal(["/tmp/cloudshark-probe/mysql.sock", "@cloudshark-probe"], listeners.Select(listener => listener.Path));
    }

    [Theory]
    [InlineData("tcp6")]
    [InlineData("udp6")]
    public void Listeners_NoIPv6Table_ReadsTheOthers(string table)
    {
        using var tree = new TempTree().WithTables();
        File.Delete(tree.HostPath($"/proc/net/{table}"));

        var listeners = new ListenerProbe(tree.Files).Listeners();

        Assert.Contains(listeners, listener => listener.Inode == 623515);
        Assert.Equal(table == "tcp6" ? 8 : 9, listeners.Count);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public void Listeners_NoIPv4Table_FailsNamingTheFile(string table)
    {
        using var tree = new TempTree().WithTables();
        File.Delete(tree.HostPath($"/proc/net/{table}"));

        var error = Assert.Throws<HardeningException>(() => new ListenerProbe(tree.Files).Listeners());

        Assert.Contains($"/proc/net/{table}: does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnixListeners_NoTable_FailsNamingTheFile()
    {
        using var tree = new TempTree();

        var error = Assert.Throws<HardeningException>(() => new ListenerProbe(tree.Files).UnixListeners());

        Assert.Contains("/proc/net/unix", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp6", "")]
    [InlineData("tcp", "   0: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 623515 1 00000000fac5e762 100 0 0 10 0\n")]
    [InlineData("udp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout\n")]
    [InlineData("udp6", "Num       RefCount Protocol Flags    Type St Inode Path\n")]
    public void Listeners_TableWithoutItsHeader_FailsNamingTheFile(string table, string content)
    {
        using var tree = new TempTree().WithTables().Write($"/proc/net/{table}", content);

        var error = Assert.Throws<HardeningException>(() => new ListenerProbe(tree.Files).Listeners());

        Assert.StartsWith($"/proc/net/{table}: does not start with the socket table header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnixListeners_TableWithAnInetHeader_Fails()
    {
        using var tree = new TempTree().WithTables();
        File.Copy(ProcTree.Fixture("captured", "tcp"), tree.HostPath("/proc/net/unix"), overwrite: true);

        var error = Assert.Throws<HardeningException>(() => new ListenerProbe(tree.Files).UnixListeners());

        Assert.StartsWith("/proc/net/unix: does not start with", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listeners_RowPrintedTwice_IsReportedOnce()
    {
        var captured = File.ReadAllText(ProcTree.Fixture("captured", "udp"));
        var firstRow = captured.Split('\n')[1];
        using var tree = new TempTree().WithTables().Write("/proc/net/udp", captured + firstRow + "\n");

        var listeners = new ListenerProbe(tree.Files).Listeners();

        Assert.Single(listeners, listener => listener.Inode == 623523);
    }

    private static string Endpoint(Listener listener) => listener.ToString().Split(" (")[0];
}
