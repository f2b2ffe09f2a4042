using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class DBusNamesTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/org/freedesktop/systemd1/unit/getty_40tty1_2eservice", true)]
    [InlineData("/a/", false)]
    [InlineData("//", false)]
    [InlineData("/a//b", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData("/a-b", false)]
    [InlineData("/a.b", false)]
    public void ObjectPathProblem_FollowsTheSpecification(string path, bool valid) =>
        Assert.Equal(valid, DBusNames.ObjectPathProblem(path) is null);

    [Theory]
    [InlineData("org.freedesktop.DBus", true)]
    [InlineData("org.freedesktop.systemd1", true)]
    [InlineData("com.example.with-dash", true)]
    [InlineData(":1.42", true)]
    [InlineData(":1.2.3", true)]
    [InlineData("nodots", false)]
    [InlineData("org..double", false)]
    [InlineData(".org.leading", false)]
    [InlineData("org.1digit", false)]
    [InlineData("org.sp ace", false)]
    public void BusNameProblem_FollowsTheSpecification(string name, bool valid) =>
        Assert.Equal(valid, DBusNames.BusNameProblem(name) is null);

    [Theory]
    [InlineData("org.freedesktop.systemd1.Manager", true)]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied", true)]
    [InlineData("com.example.with-dash", false)]
    [InlineData("single", false)]
    [InlineData("org.9x", false)]
    public void InterfaceAndErrorNameProblem_FollowTheSpecification(string name, bool valid)
    {
        Assert.Equal(valid, DBusNames.InterfaceNameProblem(name) is null);
        Assert.Equal(valid, DBusNames.ErrorNameProblem(name) is null);
    }

    [Theory]
    [InlineData("RestartUnit", true)]
    [InlineData("_private2", true)]
    [InlineData("2Start", false)]
    [InlineData("Has.Dot", false)]
    [InlineData("", false)]
    public void MemberNameProblem_FollowsTheSpecification(string name, bool valid) =>
        Assert.Equal(valid, DBusNames.MemberNameProblem(name) is null);

    [Fact]
    public void NameLongerThan255_IsRefused()
    {
        var name = "a." + new string('b', 254);

        Assert.NotNull(DBusNames.InterfaceNameProblem(name));
        Assert.Null(DBusNames.InterfaceNameProblem(name[..255]));
    }
}
