using System.Globalization;
using System.Text;

namespace CloudSharkHardening.Agent.Systemd.DBus.Transport;

/// <summary>
/// The client side of SASL EXTERNAL (SPEC "Authentication Protocol"): a NUL byte,
/// <c>AUTH EXTERNAL &lt;hex of the decimal uid&gt;</c>, then <c>OK &lt;guid&gt;</c> and
/// <c>BEGIN</c>. No unix fd negotiation: .NET sockets cannot receive SCM_RIGHTS, and
/// nothing the agent calls passes file descriptors.
/// </summary>
internal static class SaslExternal
{
    // sd-bus caps the whole exchange at 64 KiB; one line far below that is plenty.
    private const int MaxLineLength = 16 * 1024;

    /// <summary>Authenticates as <paramref name="uid"/> and returns the server's GUID.</summary>
    public static async Task<string> AuthenticateAsync(Stream input, Stream output, uint uid, CancellationToken cancellationToken)
    {
        var identity = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(uid.ToString(CultureInfo.InvariantCulture)));
        await WriteAsync(output, $"\0AUTH EXTERNAL {identity}\r\n", cancellationToken).ConfigureAwait(false);

        var line = await ReadLineAsync(input, cancellationToken).ConfigureAwait(false);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var command = space < 0 ? line : line[..space];
        var argument = space < 0 ? "" : line[(space + 1)..];
        switch (command)
        {
            case "OK" when argument.Length == 32 && argument.All(char.IsAsciiHexDigit):
                // BEGIN goes out in a write of its own, never with the first message: systemd
                // 252's private socket can leave a message that arrives with BEGIN unread.
                await WriteAsync(output, "BEGIN\r\n", cancellationToken).ConfigureAwait(false);
                return argument;
            case "REJECTED":
                throw new DBusConnectionException(
                    $"the D-Bus server rejected EXTERNAL authentication as uid {uid} (it offers: {(argument.Length > 0 ? argument : "nothing")})",
                    isTransient: false);
            case "ERROR":
                await WriteAsync(output, "CANCEL\r\n", cancellationToken).ConfigureAwait(false);
                throw new DBusConnectionException($"the D-Bus server answered EXTERNAL authentication with ERROR {argument}", isTransient: false);
            default:
                throw new DBusProtocolException($"unexpected line from the D-Bus server during authentication: '{line}'");
        }
    }

    private static async Task WriteAsync(Stream output, string line, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Encoding.ASCII.GetBytes(line), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ReadLineAsync(Stream input, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await input.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new DBusConnectionException("the D-Bus server closed the connection during authentication", isTransient: true);
            }

            var c = (char)one[0];
            if (c == '\n' && line.Length > 0 && line[^1] == '\r')
            {
                return line.ToString(0, line.Length - 1);
            }

            // The protocol is ASCII text; a NUL or binary byte means this is not a D-Bus server.
            if (one[0] is 0 or >= 0x80 || line.Length >= MaxLineLength)
            {
                throw new DBusProtocolException("the D-Bus server sent an authentication line that is not short ASCII text");
            }

            line.Append(c);
        }
    }
}
