using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>
/// Generated D-Bus values of realistic shape: a random type first (basic types, arrays,
/// dictionaries, structs, variants, nested), then a value of that type, with edge cases
/// (empty arrays, NaN, extremes, non-ASCII text) well represented.
/// </summary>
public static class DBusValueGen
{
    private static readonly string[] BasicCodes = ["y", "b", "n", "q", "i", "u", "x", "t", "d", "s", "o", "g"];

    private static readonly string[] TextPieces = ["a", "Z", "0", " ", "_", ".", "/", "'", "\\", "\n", "é", "€", "😀", "unit", "demo.service", "ÿ"];

    private static readonly string[] Signatures = ["", "s", "as", "a{sv}", "(uoss)", "a(ssssssouso)", "v", "aay"];

    /// <summary>A message body: one to four values whose signature fits in 255 bytes.</summary>
    public static Gen<DBusValue[]> Body() =>
        Gen.Choose(1, 4).SelectMany(count => Gen.ArrayOf(Value(), count))
            .Where(values => string.Concat(values.Select(value => value.Signature)).Length <= 255);

    public static Gen<DBusValue> Value() => Gen.Sized(size => Type(Math.Min(size, 40)).SelectMany(signature => ValueOf(Parse(signature), size)));

    private static Gen<string> Type(int size) => size <= 1
        ? Gen.Elements(BasicCodes)
        : Gen.Frequency(
            (5, Gen.Elements(BasicCodes)),
            (2, Type(size / 2).Select(element => "a" + element)),
            (1, Gen.Elements(BasicCodes).SelectMany(key => Type(size / 2), (key, value) => "a{" + key + value + "}")),
            (2, Gen.Choose(1, 3).SelectMany(count => Gen.ListOf(Type(size / 3), count)).Select(fields => "(" + string.Concat(fields) + ")")),
            (1, Gen.Constant("v")));

    private static Gen<DBusValue> ValueOf(DBusType type, int size) => type.Code switch
    {
        'y' => Gen.Choose(0, 255).Select(b => Box(new DBusByte((byte)b))),
        'b' => Gen.Elements(true, false).Select(b => Box(new DBusBoolean(b))),
        'n' => Gen.Choose(short.MinValue, short.MaxValue).Select(n => Box(new DBusInt16((short)n))),
        'q' => Gen.Choose(0, ushort.MaxValue).Select(q => Box(new DBusUInt16((ushort)q))),
        'i' => Int32().Select(i => Box(new DBusInt32(i))),
        'u' => Int32().Select(u => Box(new DBusUInt32(unchecked((uint)u)))),
        'x' => Int64().Select(x => Box(new DBusInt64(x))),
        't' => Int64().Select(t => Box(new DBusUInt64(unchecked((ulong)t)))),
        'd' => Gen.Frequency(
            (1, Gen.Elements(double.NaN, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue)),
            (3, Int64().Select(BitConverter.Int64BitsToDouble))).Select(d => Box(new DBusDouble(d))),
        's' => Text().Select(s => Box(new DBusString(s))),
        'o' => ObjectPath().Select(o => Box(new DBusObjectPath(o))),
        'g' => Gen.Elements(Signatures).Select(g => Box(new DBusSignature(g))),
        'a' => Gen.Choose(0, Math.Min(4, size)).SelectMany(count => Gen.ListOf(ValueOf(type.Children[0], size / 2), count))
            .Select(items => Box(new DBusArray(type.Children[0].Signature, items))),
        '(' => Gen.CollectToList(type.Children.Select(field => ValueOf(field, size / 2))).Select(fields => Box(new DBusStruct(fields))),
        '{' => ValueOf(type.Children[0], size / 2).SelectMany(key => ValueOf(type.Children[1], size / 2), (key, value) => Box(new DBusDictEntry(key, value))),
        'v' => Type(size / 2).SelectMany(signature => ValueOf(Parse(signature), size / 2)).Select(inner => Box(new DBusVariant(inner))),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Code, "no generator"),
    };

    private static DBusValue Box(DBusValue value) => value;

    private static DBusType Parse(string signature) =>
        SignatureParser.TryParseSingle(signature, out var type, out var problem) ? type! : throw new InvalidOperationException(problem);

    private static Gen<int> Int32() => Gen.Frequency(
        (1, Gen.Elements(0, -1, int.MinValue, int.MaxValue)),
        (3, Gen.Choose(int.MinValue, int.MaxValue)));

    private static Gen<long> Int64() => Int32().SelectMany(high => Int32(), (high, low) => ((long)high << 32) | (uint)low);

    private static Gen<string> Text() => Gen.Choose(0, 6).SelectMany(count => Gen.ListOf(Gen.Elements(TextPieces), count)).Select(string.Concat);

    private static Gen<string> ObjectPath() =>
        Gen.Choose(0, 4).SelectMany(count => Gen.ListOf(Gen.Elements("org", "freedesktop", "systemd1", "unit", "demo_2eservice", "_31", "job", "42"), count))
            .Select(elements => "/" + string.Join('/', elements));
}
