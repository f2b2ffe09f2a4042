using System.Net.Sockets;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>Method calls, signals sent, and the single writer every message goes through.</summary>
public sealed partial class DBusConnection
{
    private const string BusName = "org.freedesktop.DBus";
    private const string BusPath = "/org/freedesktop/DBus";

    // systemd 252's private socket may leave the first message unread until more bytes
    // arrive; a Ping after this long, then at doubling intervals, wakes it (brief §2.10).
    private static readonly TimeSpan FirstPingKick = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastPingKick = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<Message> CallAsync(MethodCall methodCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(methodCall);
        var message = methodCall.ToMessage(NextSerial());
        var encoded = MessageEncoder.Encode(message);
        var timeout = methodCall.Timeout ?? _options.CallTimeout;

        // The clock starts before the call is sent, so a fake clock in tests can never
        // advance past a timer that does not exist yet.
        using var timer = new CancellationTokenSource(timeout, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var reply = _pending.Register(message.Serial, methodCall.ToString());
        try
        {
            await WriteAsync(encoded, methodCall.ToString(), linked.Token).ConfigureAwait(false);
            var answer = await reply.WaitAsync(linked.Token).ConfigureAwait(false);
            if (answer.Type == MessageType.Error)
            {
                throw ErrorFrom(answer, methodCall.ToString());
            }

            // Decode now, so a malformed reply fails this call and not some later reader.
            _ = answer.Body;
            return answer;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DBusCallTimeoutException(methodCall.ToString(), timeout);
        }
        finally
        {
            _pending.Remove(message.Serial);
        }
    }

    /// <summary>Emits a signal (tests use this to play systemd on a private bus).</summary>
    public Task EmitAsync(Signal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var message = signal.ToMessage(NextSerial());
        return WriteAsync(MessageEncoder.Encode(message), message.ToString(), cancellationToken);
    }

    private static DBusErrorException ErrorFrom(Message error, string context)
    {
        var text = error.Signature.StartsWith('s') ? ((DBusString)error.Body[0]).Value : "";
        return new DBusErrorException(error.ErrorName!, text, context);
    }

    private static MethodCall BusCall(string member, params DBusValue[] arguments) =>
        new(BusName, BusPath, BusName, member) { Arguments = arguments };

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var reply = await CallAsync(BusCall("Hello"), cancellationToken).ConfigureAwait(false);
        UniqueName = ((DBusString)reply.ReadBody("s")[0]).Value;
    }

    /// <summary>
    /// Pings a peer-to-peer server until anything answers (an error reply counts). Every
    /// Ping stays registered until then, because the first may be answered late.
    /// </summary>
    private async Task AwaitPeerAsync(CancellationToken cancellationToken)
    {
        var serials = new List<uint>();
        var answers = new List<Task<Message>>();
        try
        {
            for (var kick = FirstPingKick; ; kick = TimeSpan.FromTicks(Math.Min(kick.Ticks * 2, LastPingKick.Ticks)))
            {
                // The kick's clock runs before the Ping leaves, so it is running by the time the peer sees it.
                var delay = Task.Delay(kick, _options.Time, cancellationToken);
                var ping = new MethodCall(null, "/org/freedesktop/systemd1", "org.freedesktop.DBus.Peer", "Ping").ToMessage(NextSerial());
                serials.Add(ping.Serial);
                answers.Add(_pending.Register(ping.Serial, "org.freedesktop.DBus.Peer.Ping"));
                await WriteAsync(MessageEncoder.Encode(ping), "org.freedesktop.DBus.Peer.Ping", cancellationToken).ConfigureAwait(false);

                var anyAnswer = Task.WhenAny(answers);
                if (await Task.WhenAny(anyAnswer, delay).ConfigureAwait(false) == anyAnswer)
                {
                    var answered = await anyAnswer.ConfigureAwait(false);

                    // Rethrows if the connection ended instead of answering.
                    await answered.ConfigureAwait(false);
                    return;
                }

                await delay.ConfigureAwait(false);
            }
        }
        finally
        {
            serials.ForEach(_pending.Remove);
        }
    }

    /// <summary>Sends one encoded message; writers take turns so messages never interleave.</summary>
    private async Task WriteAsync(byte[] encoded, string operation, CancellationToken cancellationToken)
    {
        ThrowIfClosed(operation);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed(operation);

            // Not the caller's token: a message cut off halfway would corrupt the stream for everyone.
            await _output.WriteAsync(encoded, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception failed) when (failed is IOException or SocketException or ObjectDisposedException
            || (failed is OperationCanceledException && _lifetime.IsCancellationRequested))
        {
            Close(new DBusConnectionException($"writing to D-Bus failed: {failed.Message}", isTransient: true, failed));
            throw ClosedError(operation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ThrowIfClosed(string operation)
    {
        if (IsClosed)
        {
            throw ClosedError(operation);
        }
    }
}
