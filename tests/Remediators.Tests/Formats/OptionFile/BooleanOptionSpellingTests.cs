using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.OptionFile;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

public sealed class BooleanOptionSpellingTests
{
    private static bool? Interpret(string line)
    {
        var document = OptionFileDocument.Parse("/etc/my.cnf", "[mysqld]\n" + line + "\n");
        return BooleanOptionSpelling.Interpret("skip-networking", (OptionLine)document.Lines[1], document.Path, 1);
    }

    [Theory]
    [InlineData("skip-networking")]
    [InlineData("skip_networking")]
    [InlineData("Skip-Networking")]
    [InlineData("skip-networking=1")]
    [InlineData("skip-networking = ON")]
    [InlineData("skip-networking=on")]
    [InlineData("skip_networking=TRUE")]
    [InlineData("skip-networking = \"true\"")]
    [InlineData("skip-networking='1'")]
    [InlineData("skip-networking # keep the database off the network")]
    [InlineData("enable-skip-networking")]
    [InlineData("enable_skip_networking")]
    [InlineData("loose-skip-networking")]
    [InlineData("loose-skip-networking=1")]
    [InlineData("loose-enable-skip-networking")]
    [InlineData("skip-loose-skip-networking")]
    public void Interpret_TrueSpelling_IsOn(string line) => Assert.True(Interpret(line));

    [Theory]
    [InlineData("skip-networking=0")]
    [InlineData("skip-networking = OFF")]
    [InlineData("skip_networking=off")]
    [InlineData("skip-networking=FALSE")]
    [InlineData("skip-networking=\"0\"")]
    [InlineData("disable-skip-networking")]
    [InlineData("disable_skip_networking")]
    [InlineData("skip-skip-networking")]
    [InlineData("loose-skip-networking=0")]
    [InlineData("loose-disable-skip-networking")]
    [InlineData("loose-skip-skip-networking")]
    [InlineData("enable-skip-skip-networking")]
    public void Interpret_FalseSpelling_IsOff(string line) => Assert.False(Interpret(line));

    [Theory]
    [InlineData("networking")]
    [InlineData("skip-name-resolve")]
    [InlineData("bind-address = 0.0.0.0")]
    [InlineData("maximum-skip-networking=1")]
    [InlineData("skip-networking-extra")]
    [InlineData("my-skip-networking")]
    public void Interpret_OtherOption_SaysNothing(string line) => Assert.Null(Interpret(line));

    [Theory]
    [InlineData("skip-networking=yes", "cannot tell whether 'yes'")]
    [InlineData("skip-networking=", "cannot tell whether ''")]
    [InlineData("skip-networking=2", "cannot tell whether '2'")]
    [InlineData("disable-skip-networking=1", "given a value")]
    [InlineData("skip-skip-networking=0", "given a value")]
    [InlineData("autoset-skip-networking", "automatically")]
    public void Interpret_UncertainSpelling_IsUnsupportedNamingTheLine(string line, string problem)
    {
        var error = Assert.Throws<UnsupportedFileException>(() => Interpret(line));

        Assert.Equal("/etc/my.cnf", error.Path);
        Assert.Contains($"line 2 '{line}'", error.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }
}
