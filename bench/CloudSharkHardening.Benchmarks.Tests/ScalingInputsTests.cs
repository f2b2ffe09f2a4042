using CloudSharkHardening.Benchmarks.Inputs;
using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Rules.Firewall;

namespace CloudSharkHardening.Benchmarks.Tests;

/// <summary>The scaling benchmarks' inputs are what their figures say they are, and compliant.</summary>
public sealed class ScalingInputsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task IncludedOptionFiles_TheMariaDbChainReadsExactlyThatManyIncludedFiles(int count)
    {
        using var appliance = await CompliantAppliance.CreateAsync(new ApplianceShape(IncludedOptionFiles: count), CancellationToken.None);

        var chain = OptionFileChain.Read(appliance.Tree.Files, appliance.Config.MariaDb.Options.OptionFiles);

        Assert.Equal(count, chain.FilesRead.Count(f => f.StartsWith(IncludedOptionFiles.IncludeDirectory + "/", StringComparison.Ordinal)));
        Assert.Contains(IncludedOptionFiles.Name(count), chain.FilesRead);
        Assert.Equal(count, chain.Options.Count(o => o.Line.Name == "max_connections"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task InputRules_KernelAndSavedFileOfEachFamilyHoldThatManyRulesBesidesTheChainsJump(int count)
    {
        using var appliance = await CompliantAppliance.CreateAsync(new ApplianceShape(InputRules: count), CancellationToken.None);
        var options = appliance.Config.Firewall.Options;

        foreach (var family in IptablesFamily.Of(options))
        {
            var chain = ManagedChain.For(options, family);
            var kernel = appliance.Xtables.Kernel(family.IsIPv6);
            var saved = appliance.Tree.Read(family.SavedRules);
            var view = KernelChainView.Read(kernel, chain.Name);

            Assert.True(view.Holds(chain), $"{family.Label}: the kernel does not hold the chain");
            Assert.Equal(count + 1, ForeignRules.InputRules(kernel));
            Assert.Equal(count + 1, ForeignRules.InputRules(saved));
        }
    }

    [Fact]
    public void FillInput_MoreRulesThanAskedForAlreadyThere_Refuses() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ForeignRules.FillInput("*filter\n-A INPUT -j DROP\n-A INPUT -j DROP\nCOMMIT\n", 1, ipv6: false));

    [Theory]
    [MemberData(nameof(Formats))]
    public void FormatSample_ScaledAHundredTimes_HasAHundredTimesTheContentAndRoundTrips(string format)
    {
        var sample = FormatSample.Named(format);
        var (real, scaled) = (sample.Realistic(), sample.Scaled(100));

        Assert.Equal(real, sample.RoundTrip(real));
        Assert.Equal(scaled, sample.RoundTrip(scaled));
        Assert.InRange(scaled.Length, 50 * real.Length, 101 * real.Length);
    }

    public static TheoryData<string> Formats() => [.. FormatSample.All.Select(f => f.Name)];
}
