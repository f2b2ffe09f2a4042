using CloudSharkHardening.Remediators.Audit.Passwords;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Audit.Passwords;

public sealed class PasswordVerdictCacheTests : IDisposable
{
    private const string VerdictsFile = TempTree.StateDirectory + "/password-verdicts.json";
    private const string Yescrypt = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7";
    private const string Sha512 = "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/";

    private readonly TempTree _tree = new();
    private int _judged;

    [Fact]
    public void Matches_AskedAgainInALaterRun_AnswersWithoutHashing()
    {
        var first = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        Assert.True(first.Matches("cloudshark", Yescrypt, Judge));
        first.Save();

        var later = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        Assert.True(later.Matches("cloudshark", Yescrypt, (_, _) => throw new InvalidOperationException("hashed again")));
        Assert.Equal(1, _judged);
    }

    [Fact]
    public void Matches_ChangedHash_IsJudgedAgainAndTheOldAnswerForgotten()
    {
        var first = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        first.Matches("cloudshark", Yescrypt, Judge);
        first.Save();
        var remembered = _tree.Read(VerdictsFile);

        var later = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        Assert.False(later.Matches("cloudshark", Sha512, Judge));
        later.Save();

        Assert.Equal(2, _judged);
        var kept = _tree.Read(VerdictsFile);
        Assert.Single(kept.Split("fingerprint", StringSplitOptions.None).Skip(1));
        Assert.NotEqual(remembered, kept);
    }

    [Fact]
    public void Matches_OtherPhraseSameHash_IsAnotherQuestion()
    {
        var cache = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);

        Assert.True(cache.Matches("cloudshark", Yescrypt, Judge));
        Assert.False(cache.Matches("something-else", Yescrypt, Judge));
        Assert.Equal(2, _judged);
    }

    [Fact]
    public void Save_NothingLearned_WritesNothing()
    {
        var first = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        first.Matches("cloudshark", Yescrypt, Judge);
        first.Save();
        var before = _tree.Snapshot();

        var later = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        later.Matches("cloudshark", Yescrypt, Judge);
        later.Save();

        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public void Save_CheckOnly_WritesNothing()
    {
        var before = _tree.Snapshot();
        var cache = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: false);

        cache.Matches("cloudshark", Yescrypt, Judge);
        cache.Save();

        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public void Save_FileHoldsNeitherTheHashNorItsSaltNorThePhrase()
    {
        var cache = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);
        cache.Matches("cloudshark", Yescrypt, Judge);
        cache.Save();

        var text = _tree.Read(VerdictsFile);
        Assert.DoesNotContain("F5Jx5fExrKuPp53xLKQ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X3DX6M94c7o", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cloudshark", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_tree.HostPath(VerdictsFile)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[{\"fingerprint\": \"short\", \"matchesShipped\": false}]")]
    public void Matches_DamagedFile_JudgesAgainAndRewritesIt(string damaged)
    {
        _tree.Write(VerdictsFile, damaged);
        var cache = new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true);

        Assert.True(cache.Matches("cloudshark", Yescrypt, Judge));
        cache.Save();

        Assert.Equal(1, _judged);
        Assert.Contains("matchesShipped", _tree.Read(VerdictsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippedPasswordCheck_WithRememberedAnswers_FindsTheSame()
    {
        _tree.Write("/etc/shadow", ShadowFixtures.Read("el9-shipped"));
        string[] accounts = ["cloudshark", "root"];
        var fresh = await new ShippedPasswordCheck(_tree.Files, accounts).RunAsync(CancellationToken.None);

        var learning = await new ShippedPasswordCheck(_tree.Files, accounts, new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true)).RunAsync(CancellationToken.None);
        var remembering = await new ShippedPasswordCheck(_tree.Files, accounts, new PasswordVerdictCache(_tree.Host, TempTree.StateDirectory, save: true)).RunAsync(CancellationToken.None);

        Assert.Equal(fresh.Select(f => f.Id), learning.Select(f => f.Id));
        Assert.Equal(fresh.Select(f => f.Id), remembering.Select(f => f.Id));
        Assert.NotEmpty(fresh);
        Assert.True(_tree.Exists(VerdictsFile));
    }

    public void Dispose() => _tree.Dispose();

    // Stands in for crypt(3): "cloudshark" matches the yescrypt hash only, and every call counts.
    private bool Judge(string phrase, string hash)
    {
        _judged++;
        return phrase == "cloudshark" && hash == Yescrypt;
    }
}
