using System.Buffers.Binary;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// Reads nf_tables change notifications only far enough to say whether they touch a table
/// iptables-nft keeps its rules in: <c>filter</c> of the <c>ip</c> or <c>ip6</c> family. Others'
/// tables (fail2ban's sets in <c>inet f2b-table</c>, Docker's <c>nat</c>) change often and can
/// neither hold nor bypass the agent's chain. A message is a netlink header, a
/// <c>struct nfgenmsg</c> (family, version, resource id) and attributes; in every object
/// message (table, chain, rule, set, element, object, flowtable) attribute 1 names the table
/// (linux/netfilter/nf_tables.h). Netlink uses the host's byte order.
/// </summary>
internal static class NfTablesMessages
{
    private const int HeaderBytes = 16;
    private const int GenMessageBytes = 4;
    private const int AttributeHeaderBytes = 4;
    private const int SubsystemNfTables = 10;
    private const int NewGeneration = 0x0f;
    private const ushort AttributeTypeMask = 0x3fff; // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
    private const ushort TableName = 1;
    private const byte FamilyIPv4 = 2;
    private const byte FamilyIPv6 = 10;

    /// <summary>How many messages in <paramref name="datagram"/> change an iptables filter table.</summary>
    public static int CountFilterChanges(ReadOnlySpan<byte> datagram)
    {
        var count = 0;
        while (datagram.Length >= HeaderBytes)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[4..]);
            if (length < HeaderBytes || length > datagram.Length)
            {
                // Malformed or cut short: something changed, so it counts.
                return count + 1;
            }

            if (type >> 8 == SubsystemNfTables && (type & 0xff) != NewGeneration && IsIptablesFilter(datagram[HeaderBytes..length]))
            {
                count++;
            }

            datagram = datagram[Math.Min(Align(length), datagram.Length)..];
        }

        return count;
    }

    // The generation message ends every batch, whichever tables it changed: it says nothing by itself.
    private static bool IsIptablesFilter(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < GenMessageBytes)
        {
            return true;
        }

        if (payload[0] is not (FamilyIPv4 or FamilyIPv6))
        {
            return false;
        }

        var attributes = payload[GenMessageBytes..];
        while (attributes.Length >= AttributeHeaderBytes)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & AttributeTypeMask);
            if (length < AttributeHeaderBytes || length > attributes.Length)
            {
                return true;
            }

            if (type == TableName)
            {
                var name = attributes[AttributeHeaderBytes..length];
                var end = name.IndexOf((byte)0);
                return (end < 0 ? name : name[..end]).SequenceEqual("filter"u8);
            }

            attributes = attributes[Math.Min(Align(length), attributes.Length)..];
        }

        // No table named: the agent cannot tell, so it looks.
        return true;
    }

    private static int Align(int length) => (length + 3) & ~3;
}
