using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.UnitFile;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.Remediators.Tests.Formats.UnitFile;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Rules.CloudSharkUnit;

public sealed class MountsForEditorTests
{
    private const string File = "/etc/systemd/system/cloudshark.service.d/override.conf";

    [Theory]
    [InlineData("[Unit]\nRequiresMountsFor=/cap\n")]
    [InlineData("[Unit]\nRequiresMountsFor=/var/lib/mysql /cap/ /srv\n")]
    [InlineData("[Unit]\nRequiresMountsFor = \"/cap\"\n")]
    [InlineData("[Unit]\nRequiresMountsFor=/data\nRequiresMountsFor=/cap\n")]
    [InlineData("[Unit]\nRequiresMountsFor=/data \\\n  /cap\n")]
    [InlineData("[Unit]\nRequiresMountsFor=/cap\n[Service]\nUser=x\n[Unit]\nAfter=y\n")]
    [InlineData("[Unit]\nRequiresMountsFor=\nRequiresMountsFor=/cap")]
    public void Require_PathAlreadyInForce_ReturnsTheTextUnchanged(string text)
    {
        Assert.Same(text, MountsForEditor.Require(File, text, "/cap"));
    }

    [Fact]
    public void Require_ResetAfterThePath_AppendsBelowTheReset()
    {
        var text = "[Unit]\nRequiresMountsFor=/cap /data\nRequiresMountsFor=\n\n[Service]\nUser=x\n";

        Assert.Equal("[Unit]\nRequiresMountsFor=/cap /data\nRequiresMountsFor=\nRequiresMountsFor=/cap\n\n[Service]\nUser=x\n", MountsForEditor.Require(File, text, "/cap"));
    }

    [Theory]
    [InlineData("[Unit]\nRequiresMountsFor=/capture\n", "[Unit]\nRequiresMountsFor=/capture\nRequiresMountsFor=/cap\n")]
    [InlineData("[Unit]\nRequiresMountsFor=/cap/sub\n", "[Unit]\nRequiresMountsFor=/cap/sub\nRequiresMountsFor=/cap\n")]
    [InlineData("[Unit]\nrequiresmountsfor=/cap\n", "[Unit]\nrequiresmountsfor=/cap\nRequiresMountsFor=/cap\n")]
    [InlineData("[Unit]\n#RequiresMountsFor=/cap\n", "[Unit]\nRequiresMountsFor=/cap\n#RequiresMountsFor=/cap\n")]
    [InlineData("[Unit]\nRequiresMountsFor=%h/cap\n", "[Unit]\nRequiresMountsFor=%h/cap\nRequiresMountsFor=/cap\n")]
    public void Require_SimilarButDifferentEntries_DoNotCount(string text, string expected)
    {
        Assert.Equal(expected, MountsForEditor.Require(File, text, "/cap"));
    }

    [Fact]
    public void Require_PathInServiceSection_DoesNotCountAndAddsToUnit()
    {
        var text = "[Service]\nRequiresMountsFor=/cap\n";

        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n\n[Service]\nRequiresMountsFor=/cap\n", MountsForEditor.Require(File, text, "/cap"));
    }

    [Fact]
    public void Require_UnitSectionTwice_AppendsAfterTheLastKeyOfTheLastOne()
    {
        var text = "[Unit]\nAfter=a\n\n[Service]\nUser=x\n\n[Unit]\nRequiresMountsFor=/data\nWants=b\n# trailing comment\n\n[Install]\nWantedBy=multi-user.target";

        var after = MountsForEditor.Require(File, text, "/cap");

        Assert.Equal("[Unit]\nAfter=a\n\n[Service]\nUser=x\n\n[Unit]\nRequiresMountsFor=/data\nWants=b\nRequiresMountsFor=/cap\n# trailing comment\n\n[Install]\nWantedBy=multi-user.target", after);
    }

    [Fact]
    public void Require_EmptyUnitSection_AddsRightAfterItsHeader()
    {
        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n# nothing yet\n", MountsForEditor.Require(File, "[Unit]\n# nothing yet\n", "/cap"));
    }

    [Fact]
    public void Require_SampleDropInWithoutUnitSection_InsertsUnitAtTheTop()
    {
        var text = "[Service]\nEnvironment=RAILS_ENV=production\n";

        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n\n[Service]\nEnvironment=RAILS_ENV=production\n", MountsForEditor.Require(File, text, "/cap"));
    }

    [Fact]
    public void Require_EmptyFile_GivesJustTheUnitSection()
    {
        Assert.Equal("[Unit]\nRequiresMountsFor=/cap\n", MountsForEditor.Require(File, "", "/cap"));
    }

    [Fact]
    public void Require_KeysOutsideAnySection_StayOutsideTheNewSection()
    {
        var text = "# header\nStray=1\n[Service]\nUser=x\n";

        Assert.Equal("# header\nStray=1\n[Unit]\nRequiresMountsFor=/cap\n\n[Service]\nUser=x\n", MountsForEditor.Require(File, text, "/cap"));
    }

    [Fact]
    public void Require_PathWithSpaceAndPercent_IsQuotedEscapedAndThenRecognised()
    {
        var after = MountsForEditor.Require(File, "[Unit]\n", "/srv/50% cap");

        Assert.Equal("[Unit]\nRequiresMountsFor=\"/srv/50%% cap\"\n", after);
        Assert.Same(after, MountsForEditor.Require(File, after, "/srv/50% cap"));
    }

    [Fact]
    public void Require_ContinuedRequiresMountsForWithoutThePath_Refuses()
    {
        var error = Assert.Throws<UnsupportedFileException>(() => MountsForEditor.Require(File, "[Unit]\nRequiresMountsFor=/data \\\n  /srv\n", "/cap"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("backslash", error.Message, StringComparison.Ordinal);
        Assert.Equal(File, error.Path);
    }

    [Fact]
    public void Require_BackslashAtTheEndOfTheFile_RefusesRatherThanJoinTheNewLineOntoIt()
    {
        Assert.Throws<UnsupportedFileException>(() => MountsForEditor.Require(File, "[Unit]\nAfter=a \\", "/cap"));
    }

    [Fact]
    public void Require_InvalidSectionHeader_Refuses()
    {
        var error = Assert.Throws<UnsupportedFileException>(() => MountsForEditor.Require(File, "[Unit\nRequiresMountsFor=/cap\n", "/cap"));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_GeneratedFiles_PutsThePathInForceByOnlyAddingLines()
    {
        Prop.ForAll(UnitFileGenerators.Arbitrary, text =>
        {
            string after;
            try
            {
                after = MountsForEditor.Require(File, text, "/cap");
            }
            catch (UnsupportedFileException)
            {
                return RefusalIsJustified(text);
            }

            var document = UnitFileDocument.Parse(after);
            return MountsForList.Effective(document).Contains("/cap")
                && EndsLikeTheOriginal(text, after)
                && (after == text || OnlyAddsOneBlock(UnitFileDocument.Parse(text), document));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Require_AppliedTwice_EqualsAppliedOnce()
    {
        Prop.ForAll(UnitFileGenerators.Arbitrary, text =>
        {
            string once;
            try
            {
                once = MountsForEditor.Require(File, text, "/cap");
            }
            catch (UnsupportedFileException)
            {
                return true;
            }

            return MountsForEditor.Require(File, once, "/cap") == once;
        }).QuickCheckThrowOnFailure();
    }

    private static bool RefusalIsJustified(string text)
    {
        var statements = UnitFileDocument.Parse(text).Statements;
        return statements.Any(s => s.Kind == UnitFileStatementKind.InvalidSectionHeader)
            || statements.Any(s => s.Section == "Unit" && s.Key == "RequiresMountsFor" && s.IsContinued)
            || (statements.Count > 0 && statements[^1].IsUnterminated);
    }

    private static bool EndsLikeTheOriginal(string before, string after) =>
        before.Length == 0 || before.EndsWith('\n') == after.EndsWith('\n');

    // Removing one contiguous block of new lines gives back the original lines' text.
    private static bool OnlyAddsOneBlock(UnitFileDocument before, UnitFileDocument after)
    {
        var original = before.Lines.Select(line => line.Text).ToList();
        var edited = after.Lines.Select(line => line.Text).ToList();
        var added = edited.Count - original.Count;
        if (added is < 1 or > 3)
        {
            return false;
        }

        return Enumerable.Range(0, original.Count + 1)
            .Any(at => edited.Take(at).Concat(edited.Skip(at + added)).SequenceEqual(original));
    }
}
