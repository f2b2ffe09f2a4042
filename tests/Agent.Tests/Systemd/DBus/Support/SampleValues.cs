using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>One value of every type, at its edges, and the container shapes systemd replies use.</summary>
public static class SampleValues
{
    public static TheoryData<DBusValue> All => new(Every());

    private static IEnumerable<DBusValue> Every()
    {
        yield return new DBusByte(0);
        yield return new DBusByte(255);
        yield return new DBusBoolean(true);
        yield return new DBusBoolean(false);
        yield return new DBusInt16(short.MinValue);
        yield return new DBusUInt16(ushort.MaxValue);
        yield return new DBusInt32(int.MinValue);
        yield return new DBusUInt32(uint.MaxValue);
        yield return new DBusInt64(long.MinValue);
        yield return new DBusUInt64(ulong.MaxValue);
        yield return new DBusDouble(-0.0);
        yield return new DBusDouble(double.NaN);
        yield return new DBusDouble(double.PositiveInfinity);
        yield return new DBusDouble(Math.PI);
        yield return new DBusString("");
        yield return new DBusString("démo-€-😀 'quoted' \\ \n tab\t");
        yield return new DBusObjectPath("/");
        yield return new DBusObjectPath("/org/freedesktop/systemd1/unit/demo_2eservice");
        yield return new DBusSignature("");
        yield return new DBusSignature("a{sv}(uoss)as");
        yield return new DBusVariant(new DBusUInt64(5));
        yield return new DBusVariant(new DBusVariant(new DBusString("inner")));
        yield return new DBusArray("s", []);
        yield return new DBusArray("t", []);
        yield return new DBusArray("{sv}", []);
        yield return new DBusArray("(ii)", []);
        yield return new DBusArray("ay", [new DBusArray("y", []), new DBusArray("y", [new DBusByte(1), new DBusByte(2)])]);
        yield return new DBusArray("s", [new DBusString("/etc/systemd/system/demo.service.d/x.conf"), new DBusString("b")]);
        yield return new DBusStruct(new DBusUInt32(0), new DBusObjectPath("/"));
        yield return new DBusStruct(new DBusString("org.freedesktop.DBus.Error.Failed"), new DBusString("load error"));
        yield return new DBusStruct(
            new DBusByte(1), new DBusBoolean(true), new DBusInt16(-2), new DBusUInt16(3), new DBusInt32(-4), new DBusUInt32(5),
            new DBusInt64(-6), new DBusUInt64(7), new DBusDouble(8.5), new DBusString("s"), new DBusObjectPath("/o"), new DBusSignature("g"),
            new DBusVariant(new DBusByte(9)));
        yield return new DBusArray("(ssssssouso)", [UnitListEntry("a.service"), UnitListEntry("b.socket")]);
        yield return new DBusArray("a(yt)", [new DBusArray("(yt)", [new DBusStruct(new DBusByte(1), new DBusUInt64(2))]), new DBusArray("(yt)", [])]);
        yield return Properties();
        yield return new DBusArray("{s(uo)}", [new DBusDictEntry(new DBusString("Job"), new DBusStruct(new DBusUInt32(0), new DBusObjectPath("/")))]);
        yield return new DBusArray("{yv}", [new DBusDictEntry(new DBusByte(1), new DBusVariant(new DBusArray("{sv}", [])))]);
    }

    /// <summary>A GetAll-style <c>a{sv}</c> with the property types the agent reads.</summary>
    public static DBusArray Properties() => new("{sv}",
    [
        new DBusDictEntry(new DBusString("ActiveState"), new DBusVariant(new DBusString("active"))),
        new DBusDictEntry(new DBusString("NeedDaemonReload"), new DBusVariant(new DBusBoolean(false))),
        new DBusDictEntry(new DBusString("ActiveEnterTimestamp"), new DBusVariant(new DBusUInt64(1_700_000_000_000_000))),
        new DBusDictEntry(new DBusString("DropInPaths"), new DBusVariant(new DBusArray("s", [new DBusString("/etc/systemd/system/cloudshark.service.d/override.conf")]))),
        new DBusDictEntry(new DBusString("RequiresMountsFor"), new DBusVariant(new DBusArray("s", []))),
        new DBusDictEntry(new DBusString("InvocationID"), new DBusVariant(new DBusArray("y", Enumerable.Range(0, 16).Select(i => new DBusByte((byte)i))))),
        new DBusDictEntry(new DBusString("LoadError"), new DBusVariant(new DBusStruct(new DBusString(""), new DBusString("")))),
        new DBusDictEntry(new DBusString("Environment"), new DBusVariant(new DBusArray("(ss)", [new DBusStruct(new DBusString("A"), new DBusString("1"))]))),
    ]);

    private static DBusStruct UnitListEntry(string name) => new(
        new DBusString(name), new DBusString("description"), new DBusString("loaded"), new DBusString("active"), new DBusString("running"),
        new DBusString(""), new DBusObjectPath("/org/freedesktop/systemd1/unit/x"), new DBusUInt32(0), new DBusString(""), new DBusObjectPath("/"));
}
