using CloudSharkHardening.Agent.Systemd.DBus.Transport;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Transport;

public sealed class DBusAddressTests
{
    [Fact]
    public void ParseList_DaemonPrintedAddress_GivesPathAndGuid()
    {
        var entry = Assert.Single(DBusAddress.ParseList("unix:path=/tmp/dbus-test-1/bus.sock,guid=a4c0687cf672b818357211696b012cc7"));

        Assert.Equal("unix", entry.Transport);
        Assert.Equal("/tmp/dbus-test-1/bus.sock", entry.Get("path"));
        Assert.Equal("a4c0687cf672b818357211696b012cc7", entry.Get("guid"));
    }

    [Fact]
    public void ParseList_SeveralEntries_KeepsTheirOrder()
    {
        var entries = DBusAddress.ParseList("unix:path=/run/systemd/private;tcp:host=localhost,port=1;unix:abstract=/tmp/dbus-x;");

        Assert.Equal(["unix", "tcp", "unix"], entries.Select(entry => entry.Transport));
        Assert.Equal("/tmp/dbus-x", entries[2].Get("abstract"));
    }

    [Fact]
    public void ParseList_EscapedBytes_AreUnescaped() =>
        Assert.Equal("/tmp/a,b;c é", Assert.Single(DBusAddress.ParseList("unix:path=/tmp/a%2cb%3Bc%20%c3%a9")).Get("path"));

    [Theory]
    [InlineData("", "has no entries")]
    [InlineData("/run/dbus/system_bus_socket", "no 'transport:' prefix")]
    [InlineData("unix:path", "is not key=value")]
    [InlineData("unix:path=/a,path=/b", "names 'path' twice")]
    [InlineData("unix:path=/a%2", "'%' not followed by two hex digits")]
    [InlineData("unix:path=/a%zz", "'%' not followed by two hex digits")]
    public void ParseList_MalformedAddress_SaysWhatIsWrong(string address, string problem)
    {
        var refused = Assert.Throws<FormatException>(() => DBusAddress.ParseList(address));

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }
}
