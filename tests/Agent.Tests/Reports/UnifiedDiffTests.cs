using System.Diagnostics;
using CloudSharkHardening.Agent.Reports;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Agent.Tests.Reports;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Create_OneChangedLine_ShowsItWithThreeLinesOfContext()
    {
        var before = "PORT=\"11211\"\nUSER=\"memcached\"\nMAXCONN=\"1024\"\nCACHESIZE=\"64\"\nOPTIONS=\"-U 11211 -t 4\"\n";
        var after = before.Replace("-U 11211 -t 4", "-U 0 -t 4 -l 127.0.0.1", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create("/etc/sysconfig/memcached", before, after);

        Assert.Equal(
            "--- a/etc/sysconfig/memcached\n+++ b/etc/sysconfig/memcached\n@@ -2,4 +2,4 @@\n USER=\"memcached\"\n MAXCONN=\"1024\"\n CACHESIZE=\"64\"\n-OPTIONS=\"-U 11211 -t 4\"\n+OPTIONS=\"-U 0 -t 4 -l 127.0.0.1\"\n",
            diff);
    }

    [Fact]
    public void Create_NewFile_DiffsAgainstDevNull()
    {
        var diff = UnifiedDiff.Create("/etc/x.conf", null, "[Unit]\n");

        Assert.Equal("--- /dev/null\n+++ b/etc/x.conf\n@@ -0,0 +1 @@\n+[Unit]\n", diff);
    }

    [Fact]
    public void Create_SameText_IsEmpty() => Assert.Equal("", UnifiedDiff.Create("/etc/a", "x\ny\n", "x\ny\n"));

    [Fact]
    public void Create_AnyTwoTexts_PatchTurnsTheFirstIntoTheSecond()
    {
        var line = Gen.Elements("a", "b", "c", "# comment", "", "[mysqld]", "skip-networking");
        var text = Gen.ListOf(line, 12).SelectMany(
            lines => Gen.Elements(true, false),
            (lines, finalNewline) => lines.Count == 0 ? "" : string.Join('\n', lines) + (finalNewline ? "\n" : ""));
        var pair = text.SelectMany(_ => text, (before, after) => (before, after)).ToArbitrary();

        Prop.ForAll(pair, p => PatchGives(p.before, p.after)).QuickCheckThrowOnFailure();
    }

    private static bool PatchGives(string before, string after)
    {
        var diff = UnifiedDiff.Create("/f", before, after);
        if (diff.Length == 0)
        {
            return before == after;
        }

        var directory = Directory.CreateTempSubdirectory("diff-oracle-").FullName;
        try
        {
            var file = Path.Combine(directory, "f");
            File.WriteAllText(file, before);
            var start = new ProcessStartInfo("patch", ["--silent", "--force", "--no-backup-if-mismatch", file])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var patch = Process.Start(start)!;
            patch.StandardInput.Write(diff);
            patch.StandardInput.Close();
            patch.WaitForExit();
            return patch.ExitCode == 0 && File.ReadAllText(file) == after;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
