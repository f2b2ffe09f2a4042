using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Tests.Formats.OptionFile;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Rules.MariaDb;

public sealed class MysqldSectionEditTests
{
    private const string Path = "/etc/my.cnf";
    private const string Neutralised = "# cloudshark-hardening: re-enabled TCP networking, which the hardening policy turns off: ";

    private static string Edit(string? text) =>
        MysqldSectionEdit.Apply(text is null ? null : OptionFileDocument.Parse(Path, text), Path).Document.Render();

    [Fact]
    public void Apply_SectionFollowedByComments_InsertsAfterTheLastOptionBeforeTheComments()
    {
        const string Text = "[mysqld]\ndatadir=/var/lib/mysql\n# about links\nsymbolic-links=0\n# trailing note\n\n[mysqld_safe]\nlog-error=/x\n";

        Assert.Equal(
            "[mysqld]\ndatadir=/var/lib/mysql\n# about links\nsymbolic-links=0\nskip-networking\n# trailing note\n\n[mysqld_safe]\nlog-error=/x\n",
            Edit(Text));
    }

    [Fact]
    public void Apply_IncludeInsideTheSection_InsertsBeforeTheInclude()
    {
        const string Text = "[mysqld]\nport=3306\n\n# more\n!includedir /etc/my.cnf.d\nsocket=/x\n";

        Assert.Equal("[mysqld]\nport=3306\nskip-networking\n\n# more\n!includedir /etc/my.cnf.d\nsocket=/x\n", Edit(Text));
    }

    [Fact]
    public void Apply_EmptySection_InsertsRightAfterTheHeader()
    {
        Assert.Equal("# top\n[mysqld]\nskip-networking\n\n[embedded]\n", Edit("# top\n[mysqld]\n\n[embedded]\n"));
    }

    [Fact]
    public void Apply_NegatingLinesInTheSection_AreCommentedOutAndTheLineInserted()
    {
        Assert.Equal(
            $"[mysqld]\n{Neutralised}skip-networking=0\nport=3306\n{Neutralised}disable-skip-networking # why not\nskip-networking\n",
            Edit("[mysqld]\n  skip-networking=0\nport=3306\ndisable-skip-networking # why not\n"));
    }

    [Theory]
    [InlineData("[mysqld]\nskip_networking\n")]
    [InlineData("[MYSQLD]\ndatadir=/x\nskip-networking = ON # hardened\n\n")]
    [InlineData("[mysqld]\nloose-skip-networking\n!include /etc/x.cnf\nport=1")]
    public void Apply_SectionAlreadySaysSkipNetworking_ChangesNothing(string text) => Assert.Equal(text, Edit(text));

    [Fact]
    public void Apply_OnlyALaterMysqldSectionSaysIt_StillSeedsTheFirst()
    {
        Assert.Equal("[mysqld]\nport=1\nskip-networking\n[mysqld]\nskip-networking\n", Edit("[mysqld]\nport=1\n[mysqld]\nskip-networking\n"));
    }

    [Theory]
    [InlineData("[client-server]\n!includedir /etc/my.cnf.d\n", "[client-server]\n!includedir /etc/my.cnf.d\n\n[mysqld]\nskip-networking\n")]
    [InlineData("[client-server]\n!includedir /etc/my.cnf.d", "[client-server]\n!includedir /etc/my.cnf.d\n\n[mysqld]\nskip-networking\n")]
    [InlineData("", "[mysqld]\nskip-networking\n")]
    [InlineData(null, "[mysqld]\nskip-networking\n")]
    public void Apply_NoMysqldSection_AppendsOneAtTheEnd(string? text, string expected) => Assert.Equal(expected, Edit(text));

    [Fact]
    public void Apply_ReportsTheLineThatNowHolds()
    {
        var (document, line) = MysqldSectionEdit.Apply(OptionFileDocument.Parse(Path, "[mysqld]\na=1\n\n[x]\n"), Path);

        Assert.Equal("skip-networking", document.Lines[line].Text);
        Assert.Equal(2, line);
    }

    [Fact]
    public void Apply_Twice_IsTheSameAsOnce() =>
        Prop.ForAll(OptionFileGenerators.Files, file => Edit(Edit(file.Text)) == Edit(file.Text))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Apply_OnGeneratedFiles_OnlyAddsLinesOrCommentsThemOut() =>
        Prop.ForAll(OptionFileGenerators.Files, file =>
            {
                var before = OptionFileDocument.Parse(Path, file.Text).Lines.Select(line => line.Text).ToList();
                var after = OptionFileDocument.Parse(Path, Edit(file.Text)).Lines.Select(line => line.Text).ToList();
                return IsKeptInOrder(before, after);
            })
            .QuickCheckThrowOnFailure();

    /// <summary>Every original line survives in order, as itself or commented out with the marker; at most three lines are new.</summary>
    private static bool IsKeptInOrder(List<string> before, List<string> after)
    {
        var next = 0;
        foreach (var line in after)
        {
            if (next < before.Count && (line == before[next] || line == Neutralised + before[next].TrimStart()))
            {
                next++;
            }
        }

        return next == before.Count && after.Count - before.Count <= 3;
    }
}
