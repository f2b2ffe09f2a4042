using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Load_NoFile_GivesTheDocumentedDefaultsForTheDetectedPlatform()
    {
        using var tree = TempTree.FromSample();

        var config = ConfigLoader.Load(tree.Files, explicitPath: null);

        Assert.Equal(Platform.RedHat, config.Platform);
        Assert.Equal("/cap", config.StorageDirectory);
        Assert.Equal("/etc/sysconfig/memcached", config.Memcached.Options.ConfigFile);
        Assert.Equal(["127.0.0.1"], config.Memcached.Options.ListenAddresses.ToArray());
        Assert.Equal("/etc/my.cnf", config.MariaDb.Options.SeedFile);
        Assert.Equal("/cap", config.Uploads.Options.StorageDirectory);
        Assert.Equal("/cap", config.CloudSharkUnit.Options.StorageDirectory);
        Assert.All([config.Memcached.Mode, config.MariaDb.Mode, config.Uploads.Mode, config.CloudSharkUnit.Mode], m => Assert.Equal(RuleMode.Enforce, m));
    }

    [Fact]
    public void Load_DebianOsRelease_PicksDebianPaths()
    {
        using var tree = new TempTree().Write("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");

        var config = ConfigLoader.Load(tree.Files, null);

        Assert.Equal(Platform.Debian, config.Platform);
        Assert.Equal("/etc/memcached.conf", config.Memcached.Options.ConfigFile);
        Assert.Equal(MemcachedConfigFormat.DebianConf, config.Memcached.Options.Format);
    }

    [Fact]
    public void Load_ShippedExampleConfig_IsValidAndEqualsTheDefaults()
    {
        using var tree = TempTree.FromSample();
        var defaults = ConfigLoader.Load(tree.Files, null);

        var example = ConfigLoader.Load(tree.Files, Path.Combine(RepositoryPaths.Root, "config", "hardening.json"));

        Assert.Equal(defaults with { MariaDb = null!, Memcached = null!, Audit = null! }, example with { MariaDb = null!, Memcached = null!, Audit = null! });
        Assert.Equal(defaults.Memcached.Options with { ListenAddresses = [] }, example.Memcached.Options with { ListenAddresses = [] });
        Assert.Equal(defaults.Memcached.Options.ListenAddresses.ToArray(), example.Memcached.Options.ListenAddresses.ToArray());
        Assert.Equal(defaults.MariaDb.Options with { OptionFiles = [] }, example.MariaDb.Options with { OptionFiles = [] });
        Assert.Equal(defaults.MariaDb.Options.OptionFiles.ToArray(), example.MariaDb.Options.OptionFiles.ToArray());
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        using var tree = TempTree.FromSample();

        var config = ConfigLoader.Parse("{ // the storage\n \"storageDirectory\": \"/data/cap\", /* why */ }", "test", tree.Files);

        Assert.Equal("/data/cap", config.StorageDirectory);
        Assert.Equal("/data/cap", config.Uploads.Options.StorageDirectory);
    }

    [Fact]
    public void Parse_MalformedJson_SaysWhere()
    {
        using var tree = TempTree.FromSample();

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{\n  \"rules\": {\n    \"memcached\": { \"mode\": enforce }\n  }\n}", "hardening.json", tree.Files));

        var only = Assert.Single(error.Errors);
        Assert.StartsWith("line 3", only.Field, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyMistakes_AreAllReportedWithTheirFields()
    {
        using var tree = TempTree.FromSample();
        const string text = """
            {
              "storageDirectory": "cap",
              "colour": "blue",
              "rules": {
                "memcache": {},
                "memcached": { "mode": "enforcing", "listen": ["127.0.0.1", "0.0.0.0", 7], "unit": "memcached" },
                "mariadb": { "optionFiles": ["/etc/../etc/my.cnf"], "seedFile": 3 },
                "uploads": { "user": "Cloud Shark", "path": "/var/www/cloudshark/shared/uploads" }
              }
            }
            """;

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text, "hardening.json", tree.Files));

        var fields = error.Errors.Select(e => e.Field).ToList();
        Assert.Equal(
            ["colour", "rules.mariadb.optionFiles", "rules.mariadb.optionFiles[0]", "rules.mariadb.seedFile", "rules.memcache", "rules.memcached.listen[1]", "rules.memcached.listen[2]", "rules.memcached.mode", "rules.memcached.unit", "rules.uploads.user", "storageDirectory"],
            fields.Order(StringComparer.Ordinal));
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownDistribution_AsksForThePlatformSetting()
    {
        using var tree = new TempTree().Write("/etc/os-release", "ID=gentoo\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{}", "t", tree.Files));

        Assert.Contains("ID=gentoo", Assert.Single(error.Errors).Problem, StringComparison.Ordinal);
        Assert.Equal(Platform.Debian, ConfigLoader.Parse("{\"platform\": \"debian\"}", "t", tree.Files).Platform);
    }

    [Fact]
    public void Load_ExplicitFileMissing_IsAConfigError()
    {
        using var tree = TempTree.FromSample();

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(tree.Files, Path.Combine(tree.Root, "nope.json")));

        Assert.Contains("nope.json", error.Message, StringComparison.Ordinal);
    }
}
