using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

public sealed class UnixSocketRowTests
{
    [Fact]
    public void TryParse_ListeningSocket_KeepsSpacesInThePath()
    {
        var row = UnixSocketRow.TryParse("000000006d2e644c: 00000002 00000000 00010000 0001 01 623529 /tmp/cloudshark-probe/with space.sock");

        Assert.Equal(new UnixSocketRow(0x10000, 1, 623529, "/tmp/cloudshark-probe/with space.sock"), row);
        Assert.True(row!.IsListeningStream);
    }

    [Fact]
    public void TryParse_PaddedInodeWithoutName_HasNoPath()
    {
        // The kernel pads the inode to five columns; an unnamed socket stops there.
        var row = UnixSocketRow.TryParse("000000004688beec: 00000003 00000000 00000000 0001 03   563");

        Assert.Equal(new UnixSocketRow(0, 1, 563, null), row);
        Assert.False(row!.IsListeningStream);
    }

    [Theory]
    [InlineData("0000000004375f3d: 00000002 00000000 00000000 0002 01 623532 /tmp/cloudshark-probe/journal.sock")]
    [InlineData("00000000dce63b86: 00000002 00000000 00000000 0001 01 623531 /tmp/cloudshark-probe/bound-only.sock")]
    [InlineData("00000000dce63b86: 00000002 00000000 00010000 0005 01 623531 /run/seqpacket.sock")]
    public void IsListeningStream_DatagramUnlistenedOrSeqpacket_IsFalse(string line)
    {
        Assert.False(UnixSocketRow.TryParse(line)!.IsListeningStream);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000006d2e644c: 00000002 00000000 00010000 0001 01")]
    [InlineData("000000006d2e644c 00000002 00000000 00010000 0001 01 623529 /x.sock")]
    [InlineData("000000006d2e644c: 0000002 00000000 00010000 0001 01 623529 /x.sock")]
    [InlineData("000000006d2e644c: 00000002 00000000 0001000Z 0001 01 623529 /x.sock")]
    [InlineData("000000006d2e644c: 00000002 00000000 00010000 001 01 623529 /x.sock")]
    [InlineData("000000006d2e644c: 00000002 00000000 00010000 0001 1 623529 /x.sock")]
    [InlineData("000000006d2e644c: 00000002 00000000 00010000 0001 01 -623529 /x.sock")]
    public void TryParse_MalformedRow_IsNull(string line)
    {
        Assert.Null(UnixSocketRow.TryParse(line));
    }
}
