using System.Globalization;
using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

public sealed class InetSocketRowTests
{
    [Fact]
    public void TryParse_CapturedListenRow_ReadsAddressPortStateUidAndInode()
    {
        const string line = "   0: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 623515 1 00000000fac5e762 100 0 0 10 0                    ";

        Assert.Equal(new InetSocketRow(IPAddress.Loopback, 11211, 0x0A, 103, 623515), InetSocketRow.TryParse(line));
    }

    [Fact]
    public void TryParse_TimeWaitRow_IsARowInStateSix()
    {
        // Time-wait sockets have no owner: uid, timeout and inode are 0, and the row is shorter.
        const string line = "   5: 0100007F:C35A 0100007F:2BCB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000";

        Assert.Equal(new InetSocketRow(IPAddress.Loopback, 50010, 0x06, 0, 0), InetSocketRow.TryParse(line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   0: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 623515")]
    [InlineData("   0 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 623515 1 00000000fac5e762")]
    [InlineData("   x: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 623515 1 00000000fac5e762")]
    [InlineData("   0: 0100007F:2BCB 00000000 0A 00000000:00000000 00:00000000 00000000   103        0 623515 1 00000000fac5e762")]
    [InlineData("   0: 0100007F:2BCB 00000000:0000 A 00000000:00000000 00:00000000 00000000   103        0 623515 1 00000000fac5e762")]
    [InlineData("   0: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   -3        0 623515 1 00000000fac5e762")]
    [InlineData("   0: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 62x515 1 00000000fac5e762")]
    [InlineData("   0: 0100007F:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   103        0 +623515 1 00000000fac5e762")]
    public void TryParse_MalformedRow_IsNull(string line)
    {
        Assert.Null(InetSocketRow.TryParse(line));
    }

    [Fact]
    public void TryParse_AnyRowPrintedTheKernelsWay_RoundTrips()
    {
        Prop.ForAll(Rows().ToArbitrary(), row => InetSocketRow.TryParse(Print(row)) == row).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParse_RowCutShortAnywhere_IsNullOrStillTheWholeRow()
    {
        // A cut inside the inode column must never yield a shorter, wrong inode.
        var cuts =
            from row in Rows()
            from length in Gen.Choose(0, Print(row).Length)
            select (Row: row, Prefix: Print(row)[..length]);

        Prop.ForAll(cuts.ToArbitrary(), cut => InetSocketRow.TryParse(cut.Prefix) is var parsed && (parsed is null || parsed == cut.Row))
            .QuickCheckThrowOnFailure();
    }

    private static Gen<InetSocketRow> Rows() =>
        from bytes in KernelFormat.AddressBytes()
        from port in Gen.Choose(0, 65535)
        from state in Gen.Choose(1, 12)
        from userId in Gen.Elements(0u, 102u, 103u, 65534u, uint.MaxValue - 1)
        from inode in Gen.Choose(0, int.MaxValue).Select(value => (long)value * 3)
        select new InetSocketRow(new IPAddress(bytes), port, (byte)state, userId, inode);

    /// <summary>The kernel's format for a listening tcp socket (net/ipv4/tcp_ipv4.c, get_tcp4_sock).</summary>
    private static string Print(InetSocketRow row)
    {
        var address = KernelFormat.Address(row.Address.GetAddressBytes());
        var zeros = new string('0', address.Length);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{7,4}: {address}:{row.Port:X4} {zeros}:0000 {row.State:X2} 00000000:00000000 00:00000000 00000000 {row.UserId,5} {0,8} {row.Inode} 1 00000000fac5e762 100 0 0 10 0");
    }
}
