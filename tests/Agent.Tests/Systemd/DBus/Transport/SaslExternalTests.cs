using System.Text;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Transport;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Transport;

public sealed class SaslExternalTests
{
    private const string Guid = "a4c0687cf672b818357211696b012cc7";

    [Theory]
    [InlineData(0u, "30")]
    [InlineData(1000u, "31303030")]
    public async Task Authenticate_Accepted_ClaimsTheUidInHexThenSendsBeginOnItsOwn(uint uid, string hex)
    {
        var output = new RecordingStream();

        var guid = await SaslExternal.AuthenticateAsync(Server($"OK {Guid}\r\n"), output, uid, CancellationToken.None);

        Assert.Equal(Guid, guid);
        Assert.Equal([$"\0AUTH EXTERNAL {hex}\r\n", "BEGIN\r\n"], output.Writes);
    }

    [Fact]
    public async Task Authenticate_Rejected_IsAPermanentErrorNamingTheUidAndWhatTheServerOffers()
    {
        var refused = await Assert.ThrowsAsync<DBusConnectionException>(() =>
            SaslExternal.AuthenticateAsync(Server("REJECTED ANONYMOUS\r\n"), new RecordingStream(), 1000, CancellationToken.None));

        Assert.Contains("rejected EXTERNAL authentication as uid 1000 (it offers: ANONYMOUS)", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.IsTransient);
    }

    [Fact]
    public async Task Authenticate_Error_CancelsAndFails()
    {
        var output = new RecordingStream();

        await Assert.ThrowsAsync<DBusConnectionException>(() =>
            SaslExternal.AuthenticateAsync(Server("ERROR \"no\"\r\n"), output, 0, CancellationToken.None));

        Assert.Equal("CANCEL\r\n", output.Writes[^1]);
    }

    [Theory]
    [InlineData("AGREE_UNIX_FD\r\n")]
    [InlineData("OK not-a-guid\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\n")]
    [InlineData("\0\r\n")]
    public async Task Authenticate_SomethingElse_IsAProtocolError(string reply) =>
        await Assert.ThrowsAsync<DBusProtocolException>(() =>
            SaslExternal.AuthenticateAsync(Server(reply), new RecordingStream(), 0, CancellationToken.None));

    [Fact]
    public async Task Authenticate_EndlessLine_StopsAtTheBoundInsteadOfGrowing() =>
        await Assert.ThrowsAsync<DBusProtocolException>(() =>
            SaslExternal.AuthenticateAsync(Server(new string('A', 100_000)), new RecordingStream(), 0, CancellationToken.None));

    [Fact]
    public async Task Authenticate_ServerHangsUp_IsATransientConnectionError()
    {
        var closed = await Assert.ThrowsAsync<DBusConnectionException>(() =>
            SaslExternal.AuthenticateAsync(Server("OK abc"), new RecordingStream(), 0, CancellationToken.None));

        Assert.True(closed.IsTransient);
    }

    private static MemoryStream Server(string lines) => new(Encoding.ASCII.GetBytes(lines));
}
