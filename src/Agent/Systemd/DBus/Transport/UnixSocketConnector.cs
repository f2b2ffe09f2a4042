using System.Net.Sockets;

namespace CloudSharkHardening.Agent.Systemd.DBus.Transport;

/// <summary>
/// Connects to the first entry of an address list that accepts: <c>unix:path=</c> or, on
/// Linux, <c>unix:abstract=</c>. Other transports are skipped with a reason, so the error
/// when nothing connects says what was tried and why each failed.
/// </summary>
internal static class UnixSocketConnector
{
    public static async Task<Socket> ConnectAsync(string addresses, CancellationToken cancellationToken)
    {
        IReadOnlyList<DBusAddress> entries;
        try
        {
            entries = DBusAddress.ParseList(addresses);
        }
        catch (FormatException bad)
        {
            throw new DBusConnectionException(bad.Message, isTransient: false, bad);
        }

        var failures = new List<string>();
        foreach (var entry in entries)
        {
            if (EndPointOf(entry) is not { } endPoint)
            {
                failures.Add($"{entry}: only unix:path= and unix:abstract= are supported");
                continue;
            }

            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException refused)
            {
                socket.Dispose();
                failures.Add($"{entry}: {refused.Message}");
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                throw;
            }
        }

        throw new DBusConnectionException($"could not connect to D-Bus at {string.Join("; ", failures)}", isTransient: true);
    }

    private static UnixDomainSocketEndPoint? EndPointOf(DBusAddress entry) => entry.Transport switch
    {
        "unix" when entry.Get("path") is { Length: > 0 } path => new UnixDomainSocketEndPoint(path),

        // .NET reaches Linux's abstract namespace through a leading NUL.
        "unix" when entry.Get("abstract") is { Length: > 0 } name => new UnixDomainSocketEndPoint("\0" + name),
        _ => null,
    };
}
