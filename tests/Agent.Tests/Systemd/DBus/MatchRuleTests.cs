using CloudSharkHardening.Agent.Systemd.DBus;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus;

public sealed class MatchRuleTests
{
    private static readonly MatchRule JobRemoved = new()
    {
        Sender = "org.freedesktop.systemd1",
        Path = "/org/freedesktop/systemd1",
        Interface = "org.freedesktop.systemd1.Manager",
        Member = "JobRemoved",
    };

    [Fact]
    public void ToString_JobRemovedRule_IsTheRuleTheBriefVerified() =>
        Assert.Equal(
            "type='signal',sender='org.freedesktop.systemd1',path='/org/freedesktop/systemd1',interface='org.freedesktop.systemd1.Manager',member='JobRemoved'",
            JobRemoved.ToString());

    [Fact]
    public void ToString_ApostropheInAValue_LeavesAndReentersTheQuotes() =>
        Assert.Equal(@"type='signal',arg0='it'\''s \ here'", new MatchRule { Arg0 = @"it's \ here" }.ToString());

    [Theory]
    [InlineData("/a", "/a", "both path and path_namespace")]
    [InlineData(null, "/a/", "object path '/a/'")]
    public void Problem_UnusableRule_IsNamed(string? path, string? pathNamespace, string expected) =>
        Assert.Contains(expected, new MatchRule { Path = path, PathNamespace = pathNamespace }.Problem(), StringComparison.Ordinal);

    [Fact]
    public void Problem_RuleLongerThan1024Bytes_IsRefused()
    {
        Assert.Null(new MatchRule { Arg0 = new string('x', 1000) }.Problem());
        Assert.Contains("exceeds the limit of 1024", new MatchRule { Arg0 = new string('x', 1024) }.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_WellKnownSender_IsLeftToTheBusBecauseSignalsCarryTheUniqueName()
    {
        var signal = JobRemovedSignal(sender: ":1.0");

        Assert.True(JobRemoved.Matches(signal));
        Assert.True((JobRemoved with { Sender = ":1.0" }).Matches(signal));
        Assert.False((JobRemoved with { Sender = ":1.7" }).Matches(signal));
    }

    [Fact]
    public void Matches_OtherMemberOrPathOrType_DoesNotMatch()
    {
        Assert.False(JobRemoved.Matches(JobRemovedSignal(member: "JobNew")));
        Assert.False(JobRemoved.Matches(JobRemovedSignal(path: "/org/freedesktop/systemd1/unit/x")));
        Assert.False(JobRemoved.Matches(new Message(MessageType.MethodCall, 1, []) { Path = "/org/freedesktop/systemd1", Interface = "org.freedesktop.systemd1.Manager", Member = "JobRemoved" }));
    }

    [Theory]
    [InlineData("/org/freedesktop/systemd1", "/org/freedesktop/systemd1/unit/a", true)]
    [InlineData("/org/freedesktop/systemd1", "/org/freedesktop/systemd1", true)]
    [InlineData("/org/freedesktop/systemd1", "/org/freedesktop/systemd10", false)]
    [InlineData("/", "/anything", true)]
    public void Matches_PathNamespace_CoversThePathAndBelowOnly(string space, string path, bool matches) =>
        Assert.Equal(matches, new MatchRule { PathNamespace = space }.Matches(JobRemovedSignal(path: path)));

    [Fact]
    public void Matches_Arg0_ComparesTheFirstStringArgument()
    {
        var rule = new MatchRule { Member = "PropertiesChanged", Arg0 = "org.freedesktop.systemd1.Unit" };

        Assert.True(rule.Matches(PropertiesChanged("org.freedesktop.systemd1.Unit")));
        Assert.False(rule.Matches(PropertiesChanged("org.freedesktop.systemd1.Service")));
        Assert.False(new MatchRule { Arg0 = "7" }.Matches(JobRemovedSignal()));
    }

    private static Message JobRemovedSignal(string? sender = null, string member = "JobRemoved", string path = "/org/freedesktop/systemd1") =>
        new(MessageType.Signal, 5, [new DBusUInt32(7), new DBusObjectPath("/org/freedesktop/systemd1/job/7"), new DBusString("a.service"), new DBusString("done")])
        {
            Sender = sender, Path = path, Interface = "org.freedesktop.systemd1.Manager", Member = member,
        };

    private static Message PropertiesChanged(string iface) =>
        new(MessageType.Signal, 6, [new DBusString(iface), new DBusArray("{sv}", []), new DBusArray("s", [])])
        {
            Path = "/org/freedesktop/systemd1/unit/a", Interface = "org.freedesktop.DBus.Properties", Member = "PropertiesChanged",
        };
}
