using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Tests.Rules.MariaDb;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

public sealed class OptionFileDocumentTests
{
    private const string Path = "/etc/my.cnf";

    public static TheoryData<string, string> FixtureFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (layout, appliancePath, _) in MariaDbFixtures.Files())
        {
            data.Add(layout, appliancePath);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Render_UnchangedFixture_GivesBackTheSameBytes(string layout, string appliancePath)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(MariaDbFixtures.Root, layout) + appliancePath);

        Assert.Equal(text, OptionFileDocument.Parse(appliancePath, text).Render());
    }

    [Fact]
    public void Parse_Debian50Server_FindsItsGroupsAndBindAddress()
    {
        var text = File.ReadAllText(System.IO.Path.Combine(MariaDbFixtures.Root, "debian12/etc/mysql/mariadb.conf.d/50-server.cnf"));

        var document = OptionFileDocument.Parse("/etc/mysql/mariadb.conf.d/50-server.cnf", text);

        Assert.Equal(["server", "mysqld", "embedded", "mariadb", "mariadb-10.11"], document.Lines.OfType<GroupHeaderLine>().Select(header => header.Group));
        var bind = Assert.Single(document.Lines.OfType<OptionLine>(), option => option.NormalisedName == "bind-address");
        Assert.Equal("127.0.0.1", bind.Value);
        Assert.Equal("mysqld", document.GroupAt(document.Lines.IndexOf(bind)));
    }

    [Theory]
    [InlineData("skip-networking", "skip-networking", null)]
    [InlineData("  skip_networking  ", "skip_networking", null)]
    [InlineData("bind-address = 127.0.0.1", "bind-address", "127.0.0.1")]
    [InlineData("bind-address=127.0.0.1 # local only", "bind-address", "127.0.0.1")]
    [InlineData("skip-networking # no TCP", "skip-networking", null)]
    [InlineData("password = \"a#b\" # quoted hash", "password", "a#b")]
    [InlineData("init-connect='SET NAMES utf8'", "init-connect", "SET NAMES utf8")]
    [InlineData("quote=\"a\\\"#b\"", "quote", "a\\\"#b")]
    [InlineData("empty =", "empty", "")]
    [InlineData("odd = \"half", "odd", "\"half")]
    [InlineData("max_allowed_packet\t= 16M", "max_allowed_packet", "16M")]
    public void Parse_OptionLine_SplitsNameAndValueAsTheServerDoes(string text, string name, string? value)
    {
        var option = Assert.IsType<OptionLine>(OptionFileDocument.Parse(Path, "[mysqld]\n" + text + "\n").Lines[1]);

        Assert.Equal(text, option.Text);
        Assert.Equal(name, option.Name);
        Assert.Equal(value, option.Value);
    }

    [Theory]
    [InlineData("[mysqld]", "mysqld")]
    [InlineData("  [mysqld ]  # comment", "mysqld")]
    [InlineData("[ mysqld]", " mysqld")]
    [InlineData("[mariadb-10.11]", "mariadb-10.11")]
    public void Parse_GroupHeader_KeepsTheNameTheServerUses(string text, string group) =>
        Assert.Equal(group, Assert.IsType<GroupHeaderLine>(OptionFileDocument.Parse(Path, text).Lines[0]).Group);

    [Theory]
    [InlineData("!include /etc/extra.cnf", false, "/etc/extra.cnf")]
    [InlineData("!includedir /etc/my.cnf.d", true, "/etc/my.cnf.d")]
    [InlineData("! includedir\t/etc/mysql/conf.d/  ", true, "/etc/mysql/conf.d/")]
    [InlineData("!include relative.cnf", false, "relative.cnf")]
    public void Parse_IncludeDirective_NamesItsTarget(string text, bool isDirectory, string target)
    {
        var include = Assert.IsType<IncludeLine>(OptionFileDocument.Parse(Path, text).Lines[0]);

        Assert.Equal(isDirectory, include.IsDirectory);
        Assert.Equal(target, include.Target);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t")]
    [InlineData("# skip-networking")]
    [InlineData("; skip-networking")]
    [InlineData("   # indented")]
    [InlineData("!includes /etc/x.cnf")]
    [InlineData("!unknown directive")]
    public void Parse_CommentBlankOrUnknownDirective_IsTrivia(string text) =>
        Assert.IsType<TriviaLine>(OptionFileDocument.Parse(Path, "[mysqld]\n" + text + "\nx=1\n").Lines[1]);

    [Theory]
    [InlineData("skip-networking\n[mysqld]\n", "line 1", "before any [group]")]
    [InlineData("[mysqld\nskip-networking\n", "line 1", "closing ']'")]
    [InlineData("[mysqld]\n!include   \n", "line 2", "names no file")]
    [InlineData("[mysqld]\n!includedir\n", "line 2", "names no directory")]
    public void Parse_SyntaxTheServerRefuses_IsUnsupportedNamingTheLine(string text, string line, string problem)
    {
        var error = Assert.Throws<UnsupportedFileException>(() => OptionFileDocument.Parse(Path, text));

        Assert.Equal(Path, error.Path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(line, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0, false)]
    [InlineData("\n", 1, true)]
    [InlineData("[a]", 1, false)]
    [InlineData("[a]\n\n", 2, true)]
    public void Parse_FinalNewline_IsRememberedNotCountedAsALine(string text, int lines, bool endsWithNewline)
    {
        var document = OptionFileDocument.Parse(Path, text);

        Assert.Equal(lines, document.Lines.Length);
        Assert.Equal(endsWithNewline, document.EndsWithNewline);
        Assert.Equal(text, document.Render());
    }

    [Fact]
    public void InsertLines_AtEndOfFileWithoutFinalNewline_TerminatesEveryLine()
    {
        var document = OptionFileDocument.Parse(Path, "[mysqld]\ndatadir=/var/lib/mysql");

        Assert.Equal("[mysqld]\ndatadir=/var/lib/mysql\nskip-networking\n", document.InsertLines(2, ["skip-networking"]).Render());
    }

    [Fact]
    public void InsertLines_InTheMiddle_KeepsAMissingFinalNewlineMissing()
    {
        var document = OptionFileDocument.Parse(Path, "[mysqld]\n\n# tail");

        Assert.Equal("[mysqld]\nskip-networking\n\n# tail", document.InsertLines(1, ["skip-networking"]).Render());
    }

    [Fact]
    public void ReplaceLine_TouchesOnlyThatLineAndReparsesIt()
    {
        var document = OptionFileDocument.Parse(Path, "[mysqld]\n  odd = spacing\nskip-networking=0\n# end");

        var edited = document.ReplaceLine(2, "# gone");

        Assert.Equal("[mysqld]\n  odd = spacing\n# gone\n# end", edited.Render());
        Assert.IsType<TriviaLine>(edited.Lines[2]);
        Assert.Equal(Path, edited.Path);
    }
}
