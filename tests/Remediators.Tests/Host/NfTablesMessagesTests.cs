using System.Buffers.Binary;
using System.Text;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Tests.Host;

/// <summary>
/// Which nf_tables notifications count as a change to iptables' rules, on messages laid out
/// as the kernel sends them (netlink header, nfgenmsg, attributes). The real kernel's own are
/// read in the daemon's NfTablesMonitorTests.
/// </summary>
public sealed class NfTablesMessagesTests
{
    private const ushort NewTable = 0x0a00;
    private const ushort NewChain = 0x0a03;
    private const ushort NewRule = 0x0a06;
    private const ushort DelRule = 0x0a08;
    private const ushort NewSetElement = 0x0a0c;
    private const ushort NewGeneration = 0x0a0f;
    private const byte Inet = 1;
    private const byte IPv4 = 2;
    private const byte IPv6 = 10;

    [Theory]
    [InlineData(NewRule, IPv4, "filter", 1)]
    [InlineData(DelRule, IPv6, "filter", 1)]
    [InlineData(NewChain, IPv4, "filter", 1)]
    [InlineData(NewTable, IPv4, "filter", 1)]
    [InlineData(NewRule, IPv4, "nat", 0)]
    [InlineData(NewRule, Inet, "filter", 0)]
    [InlineData(NewSetElement, Inet, "f2b-table", 0)]
    [InlineData(NewRule, IPv4, "filterx", 0)]
    public void CountFilterChanges_CountsOnlyTheIpAndIp6FilterTables(ushort type, byte family, string table, int count) =>
        Assert.Equal(count, NfTablesMessages.CountFilterChanges(Message(type, family, (1, Name(table)))));

    [Fact]
    public void CountFilterChanges_GenerationThatEndsEveryBatch_IsNoChange() =>
        Assert.Equal(0, NfTablesMessages.CountFilterChanges(Message(NewGeneration, 0, (1, [0, 0, 0, 7]))));

    [Fact]
    public void CountFilterChanges_OtherNetfilterSubsystem_IsNoChange() =>
        Assert.Equal(0, NfTablesMessages.CountFilterChanges(Message(0x0100, IPv4, (1, Name("filter")))));

    [Fact]
    public void CountFilterChanges_SeveralMessagesInOneDatagram_AreEachRead() =>
        Assert.Equal(2, NfTablesMessages.CountFilterChanges([
            .. Message(NewRule, IPv4, (2, Name("INPUT")), (1, Name("filter"))),
            .. Message(NewRule, IPv4, (1, Name("nat"))),
            .. Message(DelRule, IPv6, (1, Name("filter"))),
            .. Message(NewGeneration, 0),
        ]));

    [Fact]
    public void CountFilterChanges_NoTableNamed_CountsBecauseItCannotTell() =>
        Assert.Equal(1, NfTablesMessages.CountFilterChanges(Message(NewRule, IPv4, (4, [0, 0, 0, 9]))));

    [Fact]
    public void CountFilterChanges_MessageCutShort_Counts()
    {
        var message = Message(NewRule, IPv4, (1, Name("nat")));

        Assert.Equal(1, NfTablesMessages.CountFilterChanges(message.AsSpan(0, message.Length - 4)));
    }

    [Fact]
    public void CountFilterChanges_AttributeLongerThanTheMessage_Counts()
    {
        var message = Message(NewRule, IPv4, (1, Name("nat")));
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(20), 200);

        Assert.Equal(1, NfTablesMessages.CountFilterChanges(message));
    }

    private static byte[] Name(string text) => Encoding.ASCII.GetBytes(text + "\0");

    /// <summary>A netlink message in host (little-endian) order: header, nfgenmsg, attributes each padded to 4 bytes.</summary>
    private static byte[] Message(ushort type, byte family, params (ushort Type, byte[] Value)[] attributes)
    {
        var payload = new List<byte> { family, 0, 0, 0 };
        foreach (var (attributeType, value) in attributes)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(4 + value.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), attributeType);
            payload.AddRange([.. header, .. value, .. new byte[(4 - (value.Length % 4)) % 4]]);
        }

        var message = new byte[16 + payload.Count];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        payload.CopyTo(message, 16);
        return message;
    }
}
