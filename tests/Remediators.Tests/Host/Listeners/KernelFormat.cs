using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

/// <summary>How the kernel prints socket addresses in /proc/net, written out independently of the parser.</summary>
internal static class KernelFormat
{
    /// <summary>IPv4 (4 bytes) or IPv6 (16 bytes) addresses in network order.</summary>
    public static Gen<byte[]> AddressBytes() =>
        Gen.Elements(4, 16).SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length));

    /// <summary>
    /// Each 32-bit word is printed as a native integer: on a little-endian machine (x86_64,
    /// arm64) each group of four bytes appears reversed.
    /// </summary>
    public static string Address(byte[] networkOrder) => BitConverter.IsLittleEndian
        ? string.Concat(networkOrder.Chunk(4).Select(word => Convert.ToHexString([.. word.Reverse()])))
        : throw new PlatformNotSupportedException("these expectations are written for a little-endian machine");
}
