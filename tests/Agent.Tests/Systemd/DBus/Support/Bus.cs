using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>Calls to the bus daemon itself, <c>org.freedesktop.DBus</c>: a peer that always exists.</summary>
public static class Bus
{
    public static MethodCall Call(string member, params DBusValue[] arguments) =>
        new("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", member) { Arguments = arguments };

    /// <summary>
    /// The next signal, read the way the agent reads (WaitToReadAsync rethrows why the
    /// subscription ended, as is); a generous real-time bound is never reached when things work.
    /// </summary>
    public static async Task<Message> NextAsync(this SignalSubscription subscription)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await subscription.Signals.WaitToReadAsync(bound.Token))
        {
            if (subscription.Signals.TryRead(out var signal))
            {
                return signal;
            }
        }

        throw new InvalidOperationException("the subscription ended without an error");
    }
}
