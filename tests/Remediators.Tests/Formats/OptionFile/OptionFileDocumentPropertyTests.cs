using CloudSharkHardening.Remediators.Formats.OptionFile;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

public sealed class OptionFileDocumentPropertyTests
{
    [Fact]
    public void Render_OfParse_GivesBackTheInputByteForByte() =>
        Prop.ForAll(OptionFileGenerators.Files, file =>
                OptionFileDocument.Parse("/etc/my.cnf", file.Text).Render() == file.Text)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Parse_GeneratedFile_SeesEveryLineAsTheKindItWasWrittenAs() =>
        Prop.ForAll(OptionFileGenerators.Files, file =>
                OptionFileDocument.Parse("/etc/my.cnf", file.Text).Lines.Select(line => line.GetType()).SequenceEqual(file.Kinds))
            .QuickCheckThrowOnFailure();
}
