using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats;
using CloudSharkHardening.Remediators.Formats.MemcachedConf;
using CloudSharkHardening.Remediators.Formats.Sysconfig;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.Remediators.Tests.Formats.MemcachedConf;
using CloudSharkHardening.Remediators.Tests.Formats.Sysconfig;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

public sealed class MemcachedEditorProperties
{
    private const string Listen = "127.0.0.1";

    [Fact]
    public void SysconfigHarden_Twice_IsHardenOnceAndCompliant() =>
        AssertHardenTwiceIsHardenOnce(SysconfigGenerators.Files(), Sysconfig);

    [Fact]
    public void SysconfigHarden_KeepsEveryOtherOptionAndEveryOtherLine()
    {
        Prop.ForAll(Accepted(SysconfigGenerators.Files(), Sysconfig).ToArbitrary(), text =>
        {
            var after = Harden(Sysconfig, text).After;
            var before = SysconfigFile.Parse(text);
            var edited = SysconfigFile.Parse(after);
            var untouched = before.LastAssignment("OPTIONS") is { } options
                ? Without(before.Lines, before.Lines.IndexOf(options)).SequenceEqual(Without(edited.Lines, before.Lines.IndexOf(options)))
                : after.StartsWith(text, StringComparison.Ordinal) && edited.Lines.Length == before.Lines.Length + 1;
            return untouched
                && OtherOptions(SysconfigWords(text)).SequenceEqual(OtherOptions(SysconfigWords(after)))
                && FixedSettingsAppearOnce(SysconfigWords(text), SysconfigWords(after));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DebianHarden_Twice_IsHardenOnceAndCompliant() =>
        AssertHardenTwiceIsHardenOnce(MemcachedConfGenerators.Files(), Debian);

    [Fact]
    public void DebianHarden_KeepsOtherOptionsAndNeverDeletesALine()
    {
        Prop.ForAll(Accepted(MemcachedConfGenerators.Files(), Debian).ToArbitrary(), text =>
        {
            var after = Harden(Debian, text).After;
            var before = MemcachedConfFile.Parse(text).Lines;
            var edited = MemcachedConfFile.Parse(after).Lines;
            var lineByLine = edited.Length >= before.Length && before.Zip(edited).All(pair =>
                pair.First.Text == pair.Second.Text
                || (IsListenOrUdp(pair.First) && (IsListenOrUdp(pair.Second) || NeutralisedLine.IsNeutralised(pair.Second.Text))));
            return lineByLine
                && OtherOptions(DebianWords(text)).SequenceEqual(OtherOptions(DebianWords(after)))
                && FixedSettingsAppearOnce(DebianWords(text), DebianWords(after));
        }).QuickCheckThrowOnFailure();
    }

    private static IMemcachedConfigEditor Sysconfig { get; } = new SysconfigMemcachedEditor();

    private static IMemcachedConfigEditor Debian { get; } = new DebianConfMemcachedEditor();

    private static void AssertHardenTwiceIsHardenOnce(Gen<string> files, IMemcachedConfigEditor editor) =>
        Prop.ForAll(Accepted(files, editor).ToArbitrary(), text =>
        {
            var once = Harden(editor, text);
            var twice = Harden(editor, once.After);
            return twice.After == once.After && twice.Before.IsCompliant;
        }).QuickCheckThrowOnFailure();

    private static MemcachedConfigEdit Harden(IMemcachedConfigEditor editor, string text) =>
        editor.Harden(new TextFile("/etc/x", text), Listen);

    /// <summary>Inputs the editor agrees to edit; refusals have their own tests.</summary>
    private static Gen<string> Accepted(Gen<string> files, IMemcachedConfigEditor editor) => files.Where(text =>
    {
        try
        {
            Harden(editor, text);
            return true;
        }
        catch (UnsupportedFileException)
        {
            return false;
        }
    });

    private static IEnumerable<string> Without(IEnumerable<SysconfigLine> lines, int index) =>
        lines.Where((_, i) => i != index).Select(line => line.Text);

    private static bool IsListenOrUdp(MemcachedConfLine line) =>
        line.IsPassedToMemcached && MemcachedCommandLine.Parse(line.Words).Arguments
            .Any(argument => argument.Letter is MemcachedArgument.Listen or MemcachedArgument.UdpPort);

    private static List<string> SysconfigWords(string text) =>
        SysconfigFile.Parse(text).LastAssignment("OPTIONS") is { Assignment: { } options }
            ? [.. options.RawValue.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)]
            : [];

    private static List<string> DebianWords(string text) =>
        [.. MemcachedConfFile.Parse(text).ArgumentWords().Select(word => word.Word)];

    /// <summary>A setting that had to change is written once, never duplicated.</summary>
    private static bool FixedSettingsAppearOnce(List<string> before, List<string> after)
    {
        var old = MemcachedSockets.From(MemcachedCommandLine.Parse(before));
        var now = MemcachedSockets.From(MemcachedCommandLine.Parse(after));
        return (old.ListensOnLoopbackOnly || now.Listens.Length == 1) && (old.UdpIsOff || now.UdpPorts.Length == 1);
    }

    private static IEnumerable<(char, string?)> OtherOptions(List<string> words) =>
        MemcachedCommandLine.Parse(words).Arguments
            .Where(argument => argument.Letter is not (MemcachedArgument.Listen or MemcachedArgument.UdpPort))
            .Select(argument => (argument.Letter, argument.Value));
}
