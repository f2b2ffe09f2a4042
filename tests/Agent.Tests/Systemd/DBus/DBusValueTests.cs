using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

public sealed class DBusValueTests
{
    [Fact]
    public void String_WithNul_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new DBusString("nul\0inside"));

    [Fact]
    public void String_WithLoneSurrogate_IsRefusedRatherThanSentAsReplacementCharacters() =>
        Assert.Throws<ArgumentException>(() => new DBusString("lone \ud800 surrogate"));

    [Theory]
    [InlineData("relative")]
    [InlineData("/trailing/")]
    [InlineData("/dash-ed")]
    public void ObjectPath_InvalidPath_IsRefused(string path) =>
        Assert.Throws<ArgumentException>(() => new DBusObjectPath(path));

    [Fact]
    public void Signature_InvalidSignature_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new DBusSignature("a{vs}"));

    [Fact]
    public void Array_ItemOfAnotherType_IsRefused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new DBusArray("s", [new DBusString("a"), new DBusUInt32(1)]));

        Assert.Contains("cannot hold uint32 1 of type 'u'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ss")]
    [InlineData("(")]
    public void Array_ElementThatIsNotOneCompleteType_IsRefused(string element) =>
        Assert.Throws<ArgumentException>(() => new DBusArray(element, []));

    [Fact]
    public void Struct_WithoutFields_IsRefused() => Assert.Throws<ArgumentException>(() => new DBusStruct());

    [Fact]
    public void DictEntry_ContainerKey_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new DBusDictEntry(new DBusVariant(new DBusByte(1)), new DBusByte(2)));

    [Fact]
    public void Signature_OfContainers_ComesFromTheirContent()
    {
        var job = new DBusStruct(new DBusUInt32(1), new DBusObjectPath("/"));
        var properties = new DBusArray("{sv}", []);

        Assert.Equal("(uo)", job.Signature);
        Assert.Equal("a{sv}", properties.Signature);
        Assert.Equal("{sv}", new DBusDictEntry(new DBusString("k"), new DBusVariant(job)).Signature);
    }

    [Fact]
    public void Equals_ContainersWithEqualContent_AreEqual()
    {
        Assert.Equal(SampleProperties(), SampleProperties());
        Assert.NotEqual(new DBusArray("s", []), new DBusArray("o", []));
        Assert.NotEqual(new DBusStruct(new DBusByte(1)), new DBusStruct(new DBusByte(2)));
        Assert.NotEqual<DBusValue>(new DBusString("/"), new DBusObjectPath("/"));
    }

    [Fact]
    public void ToStringDictionary_GetAllReply_GivesPropertiesByName()
    {
        var properties = SampleProperties().ToStringDictionary();

        Assert.Equal(new DBusVariant(new DBusString("active")), properties["ActiveState"]);
        Assert.True(properties["NeedDaemonReload"] is DBusVariant(DBusBoolean(false)));
    }

    [Fact]
    public void ToStringDictionary_ArrayThatIsNotADictionary_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new DBusArray("s", []).ToStringDictionary());

    [Fact]
    public void PatternMatching_JobRemovedBody_ReadsLikeTheSignature()
    {
        IReadOnlyList<DBusValue> body = [new DBusUInt32(7), new DBusObjectPath("/org/freedesktop/systemd1/job/7"), new DBusString("demo.service"), new DBusString("done")];

        var matched = body is [DBusUInt32(var id), DBusObjectPath(var job), DBusString(var unit), DBusString(var result)]
            && id == 7 && job.EndsWith("/7", StringComparison.Ordinal) && unit == "demo.service" && result == "done";

        Assert.True(matched);
    }

    [Fact]
    public void ToString_NestedValue_IsReadableInTestFailures() =>
        Assert.Equal("@a{sv} [{'A': <uint32 1>}]", new DBusArray("{sv}", [new DBusDictEntry(new DBusString("A"), new DBusVariant(new DBusUInt32(1)))]).ToString());

    private static DBusArray SampleProperties() => new("{sv}",
    [
        new DBusDictEntry(new DBusString("ActiveState"), new DBusVariant(new DBusString("active"))),
        new DBusDictEntry(new DBusString("NeedDaemonReload"), new DBusVariant(new DBusBoolean(false))),
        new DBusDictEntry(new DBusString("DropInPaths"), new DBusVariant(new DBusArray("s", [new DBusString("/etc/x.conf")]))),
    ]);
}
