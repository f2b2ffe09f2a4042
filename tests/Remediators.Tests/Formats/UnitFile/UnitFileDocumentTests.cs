using CloudSharkHardening.Remediators.Formats.UnitFile;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.UnitFile;

public sealed class UnitFileDocumentTests
{
    [Fact]
    public void Render_GeneratedFiles_GivesTheInputBackByteForByte()
    {
        Prop.ForAll(UnitFileGenerators.Arbitrary, text => UnitFileDocument.Parse(text).Render() == text)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Statements_GeneratedFiles_CoverEveryLineOnceAndInOrder()
    {
        Prop.ForAll(UnitFileGenerators.Arbitrary, text =>
        {
            var document = UnitFileDocument.Parse(text);
            var next = 0;
            foreach (var statement in document.Statements)
            {
                // Comment lines inside a continuation are inside its range, not statements of their own.
                if (statement.FirstLine < next || statement.LastLine < statement.FirstLine)
                {
                    return false;
                }

                next = statement.LastLine + 1;
            }

            return next == document.Lines.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_FixtureWithEveryConstruct_RoundTripsAndReadsLikeSystemd()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "systemd", "every-construct.conf"));

        var document = UnitFileDocument.Parse(text);

        Assert.Equal(text, document.Render());
        var assignments = document.Statements.Where(s => s.Kind == UnitFileStatementKind.Assignment).Select(s => $"{s.Section}|{s.Key}|{s.Value}").ToList();
        Assert.Equal(
            [
                "Unit|Description|CloudShark web application",
                "Unit|RequiresMountsFor|/var/lib/mysql     /cap",
                "Unit|After|network-online.target",
                "Service|Environment|RAILS_ENV=production",
                "Service|ExecStart|/usr/bin/env    bundle exec puma",
                "Unit|RequiresMountsFor|",
            ],
            assignments);
    }

    [Fact]
    public void Parse_CommentInsideContinuation_IsSkippedNotJoined()
    {
        var document = UnitFileDocument.Parse("[Unit]\nRequiresMountsFor=/a \\\n# /not-this\n  /b\n");

        var statement = Assert.Single(document.Statements, s => s.Kind == UnitFileStatementKind.Assignment);
        Assert.Equal("/a    /b", statement.Value);
        Assert.Equal((1, 3), (statement.FirstLine, statement.LastLine));
        Assert.True(statement.IsContinued);
        Assert.False(statement.IsUnterminated);
    }

    [Fact]
    public void Parse_DoubleBackslashAtEnd_IsAnEscapedBackslashNotAContinuation()
    {
        var document = UnitFileDocument.Parse("[Service]\nExecStart=/bin/echo \\\\\nUser=x\n");

        Assert.Equal(["ExecStart", "User"], document.Statements.Where(s => s.Kind == UnitFileStatementKind.Assignment).Select(s => s.Key));
    }

    [Fact]
    public void Parse_ContinuationSwallowsTheNextHeader_AsSystemdDoes()
    {
        var document = UnitFileDocument.Parse("[Unit]\nAfter=a \\\n[Service]\nUser=x");

        Assert.DoesNotContain(document.Statements, s => s.Kind == UnitFileStatementKind.SectionHeader && s.Section == "Service");
        Assert.Equal("Unit", document.Statements[^1].Section);
    }

    [Fact]
    public void Parse_BackslashOnTheLastLine_MarksTheStatementUnterminated()
    {
        var document = UnitFileDocument.Parse("[Unit]\nAfter=a \\\n");

        Assert.True(document.Statements[^1].IsUnterminated);
        Assert.Equal("a", document.Statements[^1].Value);
    }

    [Theory]
    [InlineData("[Unit", UnitFileStatementKind.InvalidSectionHeader)]
    [InlineData("  [Unit]  ", UnitFileStatementKind.SectionHeader)]
    [InlineData("no equals", UnitFileStatementKind.Other)]
    [InlineData("=value", UnitFileStatementKind.Other)]
    [InlineData("  ; note", UnitFileStatementKind.Comment)]
    [InlineData(" \t", UnitFileStatementKind.Blank)]
    public void Parse_SingleLine_IsClassified(string line, UnitFileStatementKind expected)
    {
        Assert.Equal(expected, Assert.Single(UnitFileDocument.Parse(line).Statements).Kind);
    }

    [Fact]
    public void InsertLines_AtTheEndOfAFileWithoutFinalNewline_KeepsItWithoutOne()
    {
        var document = UnitFileDocument.Parse("[Unit]\nAfter=x");

        Assert.Equal("[Unit]\nAfter=x\nRequiresMountsFor=/cap", document.InsertLines(2, ["RequiresMountsFor=/cap"]).Render());
    }

    [Fact]
    public void InsertLines_InTheMiddle_LeavesEveryOtherByteAlone()
    {
        var document = UnitFileDocument.Parse("# head\n[Unit]\n  After = x  \n\n[Service]\n");

        Assert.Equal("# head\n[Unit]\n  After = x  \nNew=1\n\n[Service]\n", document.InsertLines(3, ["New=1"]).Render());
    }
}
