using CloudSharkHardening.Remediators.Audit.Updates;

namespace CloudSharkHardening.Remediators.Tests.Audit.Updates;

public sealed class UpdateListParsersTests
{
    [Fact]
    public void DnfUpdateInfo_Dnf4Output_ReadsAdvisoryRatingAndPackage()
    {
        var updates = UpdateListParsers.DnfUpdateInfo(Fixture("dnf4-updateinfo-security.txt"));

        Assert.Equal(5, updates.Count);
        Assert.Equal(new PendingUpdate("nghttp2-libs-1.43.0-5.el9_4.3.x86_64", "RHSA-2024:3501", "Important"), updates[0]);
        Assert.True(updates[0].IsUrgent);
        Assert.False(updates[4].IsUrgent);
    }

    [Fact]
    public void DnfUpdateInfo_Dnf5Table_SkipsTheHeader()
    {
        var updates = UpdateListParsers.DnfUpdateInfo(Fixture("dnf5-updateinfo-security.txt"));

        Assert.Equal(["curl-8.6.0-10.fc40.x86_64", "libcurl-8.6.0-10.fc40.x86_64"], updates.Select(u => u.Package));
        Assert.All(updates, u => Assert.Equal("Moderate", u.Rating));
    }

    [Fact]
    public void DnfUpdateInfo_NothingPendingOrNoise_IsEmpty()
    {
        Assert.Empty(UpdateListParsers.DnfUpdateInfo("Last metadata expiration check: 0:12:01 ago on Sat 21 Nov 2026.\n"));
        Assert.Empty(UpdateListParsers.DnfUpdateInfo("updateinfo list done\n"));
    }

    [Fact]
    public void AptSimulation_CountsOnlyUpgradesFromASecurityArchive()
    {
        var updates = UpdateListParsers.AptSimulation(Fixture("apt-get-simulate-upgrade.txt"));

        Assert.Equal(["libssl3", "openssl"], updates.Select(u => u.Package));
        Assert.All(updates, u => Assert.Null(u.Rating));
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "updates", name));
}
