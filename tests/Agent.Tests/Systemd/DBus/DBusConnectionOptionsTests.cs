using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

public sealed class DBusConnectionOptionsTests
{
    [Theory]
    [InlineData(null, "unix:path=/run/dbus/system_bus_socket")]
    [InlineData("", "unix:path=/run/dbus/system_bus_socket")]
    [InlineData("unix:path=/custom/bus", "unix:path=/custom/bus")]
    public void ForSystemBus_UsesTheEnvironmentAddressWhenSet(string? environment, string address)
    {
        var options = DBusConnectionOptions.ForSystemBus(environment);

        Assert.Equal(address, options.Address);
        Assert.True(options.IsMessageBus);
    }

    [Fact]
    public void ForSystemdPrivateSocket_IsPeerToPeer()
    {
        var options = DBusConnectionOptions.ForSystemdPrivateSocket();

        Assert.Equal("unix:path=/run/systemd/private", options.Address);
        Assert.False(options.IsMessageBus);
    }

    [Fact]
    public void Defaults_AreTheReferenceImplementationsAndValid()
    {
        var options = new DBusConnectionOptions("unix:path=/x");

        Assert.Equal(TimeSpan.FromSeconds(25), options.CallTimeout);
        Assert.Empty(options.Validate());
    }
}
