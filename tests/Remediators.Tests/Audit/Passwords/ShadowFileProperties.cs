using CloudSharkHardening.Remediators.Audit.Passwords;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Remediators.Tests.Audit.Passwords;

/// <summary>Generated shadow files: valid entries, damaged lines and blank lines, in any order.</summary>
public sealed class ShadowFileProperties
{
    [Fact]
    public void Parse_EveryNonBlankLine_IsAnEntryOrMalformedNeverBoth()
    {
        Prop.ForAll(Files().ToArbitrary(), lines =>
        {
            var shadow = ShadowFile.Parse(string.Join("\n", lines.Select(l => l.Text)));
            var entryLines = shadow.Entries.Select(e => e.LineNumber).ToList();
            var expectedEntries = lines.Select((l, i) => (l, i + 1)).Where(p => p.l.IsEntry).Select(p => p.Item2).ToList();
            var expectedMalformed = lines.Select((l, i) => (l, i + 1)).Where(p => !p.l.IsEntry && p.l.Text.Length > 0).Select(p => p.Item2).ToList();
            return entryLines.SequenceEqual(expectedEntries) && shadow.MalformedLines.SequenceEqual(expectedMalformed);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ToString_OfAnyEntry_NeverHoldsItsPasswordField()
    {
        Prop.ForAll(Files().ToArbitrary(), lines =>
        {
            var text = string.Join("\n", lines.Select(l => l.Text));
            var shadow = ShadowFile.Parse(text);
            return shadow.Entries.All(entry => entry.PasswordField.Length < 3 || !entry.ToString().Contains(entry.PasswordField, StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    }

    private static Gen<List<ShadowLine>> Files() => Line().ListOf().Select(lines => lines.ToList());

    private static Gen<ShadowLine> Line() => Gen.Frequency(
        (1, Gen.Constant(new ShadowLine("", false))),
        (6, ValidLine()),
        (3, DamagedLine()));

    private static Gen<ShadowLine> ValidLine() =>
        from name in Gen.Elements("root", "cloudshark", "daemon", "mysql", "memcached", "_apt", "systemd-network")
        from password in Gen.Elements("", "*", "!", "!!", "!*", "$6$abcdefgh$" + new string('x', 86), "$y$j9T$salt$" + new string('y', 43), "!$1$salt$hash")
        from aging in Gen.Elements("", ":19800:0:99999:7:::", ":19800::::::", ":::::::", ":1:2:3:4:5:6:")
        select new ShadowLine($"{name}:{password}{aging}", true);

    private static Gen<ShadowLine> DamagedLine() => Gen.Elements(
        new ShadowLine("root", false),
        new ShadowLine("+::::::::", false),
        new ShadowLine("-nis", false),
        new ShadowLine("cloud shark:*:1:0:99999:7:::", false),
        new ShadowLine("root:*:x:0:99999:7:::", false),
        new ShadowLine("root:*:1:2:3", false),
        new ShadowLine(":*:1:0:99999:7:::", false),
        new ShadowLine("root:*:1:0:99999:7::::extra", false));

    public sealed record ShadowLine(string Text, bool IsEntry);
}
