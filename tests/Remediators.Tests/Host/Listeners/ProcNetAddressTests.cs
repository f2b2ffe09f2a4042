using System.Globalization;
using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

public sealed class ProcNetAddressTests
{
    [Theory]
    [InlineData("0100007F:2BCB", "127.0.0.1", 11211)]
    [InlineData("00000000:0CEA", "0.0.0.0", 3306)]
    [InlineData("0A00A8C0:FFFF", "192.168.0.10", 65535)]
    [InlineData("00000000000000000000000001000000:0016", "::1", 22)]
    [InlineData("0000000000000000FFFF00000100007F:2BCB", "::ffff:127.0.0.1", 11211)]
    [InlineData("00000000000000000000000000000000:0000", "::", 0)]
    [InlineData("000080FE00000000FF0A00020F0A0BFE:01BB", "fe80::200:aff:fe0b:a0f", 443)]
    public void TryParse_KernelColumn_GivesAddressAndPort(string column, string address, int port)
    {
        Assert.True(ProcNetAddress.TryParse(column, out var parsedAddress, out var parsedPort));

        Assert.Equal(IPAddress.Parse(address), parsedAddress);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("0100007F2BCB")]
    [InlineData("0100007F:2BC")]
    [InlineData("0100007F:02BCB")]
    [InlineData("100007F:2BCB")]
    [InlineData("0100007F0:2BCB")]
    [InlineData("0100007G:2BCB")]
    [InlineData("0x00007F:2BCB")]
    [InlineData(" 100007F:2BCB")]
    [InlineData("0100007F:+BCB")]
    [InlineData("0000000000000000000000000100000:0016")]
    [InlineData(":")]
    [InlineData("")]
    public void TryParse_MalformedColumn_IsRejected(string column)
    {
        Assert.False(ProcNetAddress.TryParse(column, out _, out _));
    }

    [Fact]
    public void TryParse_AnyAddressPrintedTheKernelsWay_GivesItBack()
    {
        var endpoints =
            from bytes in KernelFormat.AddressBytes()
            from port in Gen.Choose(0, 65535)
            select (Bytes: bytes, Port: port);

        Prop.ForAll(endpoints.ToArbitrary(), endpoint =>
        {
            var column = KernelFormat.Address(endpoint.Bytes) + ":" + endpoint.Port.ToString("X4", CultureInfo.InvariantCulture);
            return ProcNetAddress.TryParse(column, out var address, out var port)
                && address.Equals(new IPAddress(endpoint.Bytes))
                && port == endpoint.Port;
        }).QuickCheckThrowOnFailure();
    }
}
