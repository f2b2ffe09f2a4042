using System.Collections.Concurrent;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// Calls waiting for their reply, by serial. Replies complete them from the reader loop;
/// continuations run elsewhere so a caller's code never stalls the loop.
/// </summary>
internal sealed class PendingCalls
{
    private readonly ConcurrentDictionary<uint, (string Call, TaskCompletionSource<Message> Reply)> _calls = new();

    public Task<Message> Register(uint serial, string call)
    {
        var reply = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[serial] = (call, reply);
        return reply.Task;
    }

    public void Remove(uint serial) => _calls.TryRemove(serial, out _);

    /// <summary>Hands a METHOD_RETURN or ERROR to its call; false when no call waits (it gave up).</summary>
    public bool TryComplete(Message reply) =>
        reply.ReplySerial is { } serial && _calls.TryRemove(serial, out var call) && call.Reply.TrySetResult(reply);

    /// <summary>Fails every waiting call with an exception that names it.</summary>
    public void FailAll(Func<string, Exception> error)
    {
        foreach (var serial in _calls.Keys)
        {
            if (_calls.TryRemove(serial, out var call))
            {
                call.Reply.TrySetException(error(call.Call));
            }
        }
    }
}
