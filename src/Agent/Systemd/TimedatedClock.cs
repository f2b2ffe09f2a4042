using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Remediators.Audit.Time;

namespace CloudSharkHardening.Agent.Systemd;

/// <summary>
/// Asks systemd-timedated (<c>org.freedesktop.timedate1</c> on the system bus, started on
/// demand by bus activation) whether the clock is synchronised. A system without the bus or
/// without timedated has no answer, which is not an error.
/// </summary>
/// <param name="connect">Opens the system bus; called once per question.</param>
public sealed class TimedatedClock(Func<CancellationToken, Task<IDBusConnection>> connect) : IClockStatus
{
    private const string Service = "org.freedesktop.timedate1";
    private const string ObjectPath = "/org/freedesktop/timedate1";

    /// <summary>On the system bus (<c>DBUS_SYSTEM_BUS_ADDRESS</c>, or its default socket).</summary>
    public static TimedatedClock OnSystemBus(TimeProvider time) => new(async token =>
        await DBusConnection.ConnectAsync(
            DBusConnectionOptions.ForSystemBus(Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS")) with { Time = time, ConnectTimeout = TimeSpan.FromSeconds(5), CallTimeout = TimeSpan.FromSeconds(10) },
            token).ConfigureAwait(false));

    public async Task<ClockSynchronisation?> QueryAsync(CancellationToken cancellationToken)
    {
        IDBusConnection bus;
        try
        {
            bus = await connect(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusConnectionException)
        {
            return null; // no system bus (a minimal container, an image)
        }

        await using (bus.ConfigureAwait(false))
        {
            try
            {
                var reply = await bus.CallAsync(
                    new MethodCall(Service, ObjectPath, "org.freedesktop.DBus.Properties", "GetAll") { Arguments = [new DBusString(Service)] },
                    cancellationToken).ConfigureAwait(false);
                if (reply.ReadBody("a{sv}") is not [DBusArray all])
                {
                    return null;
                }

                var properties = all.ToStringDictionary();
                if (!properties.ContainsKey("NTPSynchronized"))
                {
                    return null; // a timedated too old to say
                }

                return new ClockSynchronisation(Flag(properties, "NTP"), Flag(properties, "NTPSynchronized"));
            }
            catch (Exception e) when (e is DBusErrorException or DBusCallTimeoutException or DBusConnectionException)
            {
                return null; // timedated not installed, not activatable, or not answering
            }
        }
    }

    private static bool Flag(IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && (value is DBusVariant variant ? variant.Value : value) is DBusBoolean { Value: true };
}
