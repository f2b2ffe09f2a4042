using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Memcached;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class SysconfigMemcachedEditorTests
{
    private const string Head = "PORT=\"11211\"\nUSER=\"memcached\"\nMAXCONN=\"1024\"\nCACHESIZE=\"64\"\n";

    [Fact]
    public void Harden_El7Default_AddsListenAndUdpOffToTheEmptyOptions()
    {
        var edit = Harden(MemcachedFixture.Read(MemcachedFixture.El7Sysconfig));

        Assert.Equal(Head + "OPTIONS=\"-l 127.0.0.1 -U 0\"\n", edit.After);
        Assert.Equal("all interfaces, UDP unset", edit.Before.Describe());
    }

    [Fact]
    public void Harden_El9Default_KeepsItsLoopbackListAndAddsUdpOff()
    {
        var edit = Harden(MemcachedFixture.Read(MemcachedFixture.El9Sysconfig));

        Assert.Equal(Head + "OPTIONS=\"-l 127.0.0.1,::1 -U 0\"\n", edit.After);
    }

    [Fact]
    public void Harden_UdpOnWithThreads_ReplacesUdpInPlaceAndAppendsListen()
    {
        Assert.Equal("OPTIONS=\"-U 0 -t 4 -l 127.0.0.1\"\n", Harden("OPTIONS=\"-U 11211 -t 4\"\n").After);
    }

    [Theory]
    [InlineData("--listen=0.0.0.0 -t 4 -l 10.0.0.1 -U 0", "-l 127.0.0.1 -t 4 -U 0")]
    [InlineData("-c 4096 --listen 0.0.0.0 -o modern -U0", "-c 4096 -l 127.0.0.1 -o modern -U0")]
    [InlineData("-l 10.0.0.5,127.0.0.1 -U 0", "-l 127.0.0.1 -U 0")]
    [InlineData("-vU11211 -l 127.0.0.1", "-v -U 0 -l 127.0.0.1")]
    [InlineData("-vl 0.0.0.0 -U 0", "-v -l 127.0.0.1 -U 0")]
    [InlineData("-U 0 -t 4 -U 11211 -l ::1", "-U 0 -t 4 -l ::1")]
    [InlineData("-t  4   -U 1", "-t  4   -U 0 -l 127.0.0.1")]
    [InlineData("-l 0.0.0.0 -l 127.0.0.1 -l ::1", "-l 127.0.0.1 -U 0")]
    [InlineData("-t 4 -l", "-t 4 -l 127.0.0.1 -U 0")]
    [InlineData(" -l 0.0.0.0 ", " -l 127.0.0.1 -U 0 ")]
    public void Harden_Options_ReplacesFirstDropsOthersKeepsTheRest(string options, string expected)
    {
        Assert.Equal($"OPTIONS=\"{expected}\"\n", Harden($"OPTIONS=\"{options}\"\n").After);
    }

    [Theory]
    [InlineData("OPTIONS='-U 11211'\n", "OPTIONS='-U 0 -l 127.0.0.1'\n")]
    [InlineData("OPTIONS=\"-U 11211\"\n", "OPTIONS=\"-U 0 -l 127.0.0.1\"\n")]
    [InlineData("OPTIONS=-U11211\n", "OPTIONS=\"-U 0 -l 127.0.0.1\"\n")]
    [InlineData("OPTIONS=-U11211", "OPTIONS=\"-U 0 -l 127.0.0.1\"")]
    [InlineData("OPTIONS=\n", "OPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    public void Harden_QuotingStyle_IsKept(string text, string expected)
    {
        Assert.Equal(expected, Harden(text).After);
    }

    [Fact]
    public void Harden_ListenList_IsWrittenAsOneCommaList()
    {
        Assert.Equal("OPTIONS=\"-l 127.0.0.1,::1 -U 0\"\n", Harden("OPTIONS=\"\"\n", "127.0.0.1,::1").After);
    }

    [Theory]
    [InlineData("OPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    [InlineData("OPTIONS='--listen=localhost --udp-port=0 -t 4'\n")]
    [InlineData("OPTIONS=\"-l 0.0.0.0\"\nOPTIONS=\"-l 127.0.0.1,::1 -vU0\"")]
    public void Harden_AlreadyCompliant_ReturnsTheTextUnchanged(string text)
    {
        var edit = Harden(text);

        Assert.True(edit.Before.IsCompliant);
        Assert.Same(text, edit.After);
    }

    [Fact]
    public void Harden_SeveralOptionsLines_EditsOnlyTheLast()
    {
        var edit = Harden("OPTIONS=\"-l 0.0.0.0\"\n# later wins\nOPTIONS=\"-t 4\"\n");

        Assert.Equal("OPTIONS=\"-l 0.0.0.0\"\n# later wins\nOPTIONS=\"-t 4 -l 127.0.0.1 -U 0\"\n", edit.After);
    }

    [Theory]
    [InlineData("PORT=\"11211\"\n", "PORT=\"11211\"\nOPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    [InlineData("PORT=\"11211\"", "PORT=\"11211\"\nOPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    [InlineData("#OPTIONS=\"-l 127.0.0.1 -U 0\"\n", "#OPTIONS=\"-l 127.0.0.1 -U 0\"\nOPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    [InlineData("", "OPTIONS=\"-l 127.0.0.1 -U 0\"\n")]
    public void Harden_NoOptionsLine_AppendsOne(string text, string expected)
    {
        Assert.Equal(expected, Harden(text).After);
    }

    [Theory]
    [InlineData("OPTIONS=\"-l 127.0.0.1\n", "unbalanced quote")]
    [InlineData("OPTIONS=\"-l 127.0.0.1 -U 0\nPORT=1\"\n", "unbalanced quote")]
    [InlineData("OPTIONS=\"-l $ADDR -U 0\"\n", "'$'")]
    [InlineData("OPTIONS=\"-l `hostname`\"\n", "'`'")]
    [InlineData("OPTIONS=-t 4 \\\n  -l 0.0.0.0\n", "backslash")]
    [InlineData("OPTIONS=\"-l \\\"127.0.0.1\\\"\"\n", "backslash")]
    [InlineData("OPTIONS=\"-l 127.0.0.1\" -U 0\n", "closing quote")]
    [InlineData("export OPTIONS=\"-l 0.0.0.0\"\nOPTIONS=\"-l 127.0.0.1 -U 0\"\n", "export")]
    [InlineData("# note \\\nOPTIONS=\"-l 127.0.0.1 -U 0\"\n", "comment ending in a backslash")]
    [InlineData("USER=\"memcached\n", "no OPTIONS line")]
    [InlineData("OPTIONS=\"-l 127.0.0.1 -t\"\n", "'-t'")]
    [InlineData("OPTIONS=\"-l 127.0.0.1 -- x\"\n", "'--'")]
    public void Harden_OptionsItCannotJudgeSafely_RefusesNamingTheProblem(string text, string problem)
    {
        var error = Assert.Throws<UnsupportedFileException>(() => Harden(text));

        Assert.Equal("/etc/sysconfig/memcached", error.Path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Harden_OddOtherVariables_AreLeftAlone()
    {
        var text = "USER=\"mem\ncached\"\nPORT=$PORT\nX='a' 'b'\\\n  continued\nOPTIONS=\"-U 1\"\n";

        Assert.Equal(text.Replace("-U 1", "-U 0 -l 127.0.0.1", StringComparison.Ordinal), Harden(text).After);
    }

    [Fact]
    public void Harden_OptionsLineInsideAnotherValue_IsNotOptionsAsSystemdReadsIt()
    {
        var text = "X=a \\\nOPTIONS=\"-l 0.0.0.0\"\n";

        Assert.Equal(text + "OPTIONS=\"-l 127.0.0.1 -U 0\"\n", Harden(text).After);
    }

    [Fact]
    public void Create_WritesOnlyTheOptionsLine()
    {
        Assert.Equal("OPTIONS=\"-l 127.0.0.1 -U 0\"\n", new SysconfigMemcachedEditor().Create("127.0.0.1"));
    }

    private static MemcachedConfigEdit Harden(string text, string listen = "127.0.0.1") =>
        new SysconfigMemcachedEditor().Harden(new TextFile("/etc/sysconfig/memcached", text), listen);
}
