using System.Net.Sockets;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>The one reader loop, and answering calls made to this connection.</summary>
public sealed partial class DBusConnection
{
    private async Task ReadLoopAsync(CancellationToken lifetime)
    {
        try
        {
            while (await _framer.ReadFrameAsync(lifetime).ConfigureAwait(false) is { } frame)
            {
                Dispatch(MessageDecoder.Decode(frame));
            }

            Close(new DBusConnectionException("the peer closed the connection", isTransient: true));
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Disposal: Close has already recorded why.
        }
        catch (HardeningException broken)
        {
            Close(broken);
        }
        catch (Exception failed) when (failed is IOException or SocketException or ObjectDisposedException)
        {
            Close(new DBusConnectionException($"reading from D-Bus failed: {failed.Message}", isTransient: true, failed));
        }
#pragma warning disable CA1031 // A reader that died quietly would leave every caller waiting for its timeout.
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            Close(new DBusConnectionException($"the D-Bus reader stopped: {unexpected.Message}", isTransient: false, unexpected));
        }
    }

    private void Dispatch(Message message)
    {
        switch (message.Type)
        {
            case MessageType.MethodReturn or MessageType.Error:
                // No taker means the call already gave up (timed out or was cancelled).
                _pending.TryComplete(message);
                break;
            case MessageType.Signal:
                _signals.Dispatch(message);
                break;
            case MessageType.MethodCall:
                _ = Task.Run(() => AnswerAsync(message, _lifetime.Token), CancellationToken.None);
                break;
            default:
                // The specification says message types this side does not know are ignored.
                break;
        }
    }

    private async Task AnswerAsync(Message call, CancellationToken lifetime)
    {
        var reply = await ReplyToAsync(call, lifetime).ConfigureAwait(false);
        if (reply is null || call.Flags.HasFlag(MessageFlags.NoReplyExpected))
        {
            return;
        }

        byte[] encoded;
        try
        {
            encoded = MessageEncoder.Encode(reply);
        }
        catch (ArgumentException unsendable)
        {
            encoded = MessageEncoder.Encode(ErrorReply(call, DBusErrorNames.Failed, $"the reply could not be sent: {unsendable.Message}"));
        }

        try
        {
            await WriteAsync(encoded, $"reply to {call}", lifetime).ConfigureAwait(false);
        }
        catch (HardeningException)
        {
            // The connection closed meanwhile: there is no one left to answer.
        }
    }

    private async Task<Message?> ReplyToAsync(Message call, CancellationToken lifetime)
    {
        if (_options.MethodCallHandler is not { } handler)
        {
            return ErrorReply(call, DBusErrorNames.UnknownMethod, $"{call.Interface}.{call.Member} is not served on {call.Path}");
        }

        try
        {
            var body = await handler(call, lifetime).ConfigureAwait(false);
            return new Message(MessageType.MethodReturn, NextSerial(), body) { ReplySerial = call.Serial, Destination = call.Sender };
        }
        catch (DBusErrorException error)
        {
            return ErrorReply(call, error.ErrorName, error.ErrorMessage);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A caller waits for an answer: any failure of the handler must become an error reply, not silence until its timeout.
        catch (Exception failed)
#pragma warning restore CA1031
        {
            return ErrorReply(call, DBusErrorNames.Failed, failed.Message);
        }
    }

    private Message ErrorReply(Message call, string errorName, string text) =>
        new(MessageType.Error, NextSerial(), [new DBusString(text)]) { ErrorName = errorName, ReplySerial = call.Serial, Destination = call.Sender };
}
