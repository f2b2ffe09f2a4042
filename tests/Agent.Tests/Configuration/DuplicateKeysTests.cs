using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Configuration;

/// <summary>A key set twice would silently lose its first value; it is an error naming both lines.</summary>
public sealed class DuplicateKeysTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void Parse_TopLevelKeyTwice_NamesTheKeyAndBothLines()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("""
            {
              "platform": "redhat",
              "storageDirectory": "/cap",
              "storageDirectory": "/srv/cap"
            }
            """));

        Assert.Equal(
            new ConfigError("storageDirectory", "is set more than once, on line 3 and again on line 4; only the last would count, so keep one"),
            Assert.Single(error.Errors));
    }

    [Fact]
    public void Parse_NestedKeyTwice_NamesItsPath()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("""
            {
              "platform": "redhat",
              "rules": {
                "memcached": {
                  "mode": "enforce", // the first one
                  "unit": "memcached.service",
                  "mode": "off",
                }
              }
            }
            """));

        var only = Assert.Single(error.Errors);
        Assert.Equal("rules.memcached.mode", only.Field);
        Assert.StartsWith("is set more than once, on line 5 and again on line 7;", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyTwiceInAnObjectInAList_NamesItsIndex()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("""{ "platform": "redhat", "audit": { "accounts": ["root", { "a": 1, "a": 2 }] } }"""));

        Assert.Contains(error.Errors, e => e.Field == "audit.accounts[1].a" && e.Problem.StartsWith("is set more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_KeyTwiceSpelledWithAnEscape_IsStillTheSameKey()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("""{ "platform": "redhat", "stateDirectory": "/var/lib/a", "state\u0044irectory": "/var/lib/b" }"""));

        Assert.Equal("stateDirectory", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void Parse_DuplicatesAndOtherMistakes_AreReportedTogether()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("""
            {
              "platform": "redhat",
              "platform": "redhat",
              "storageDirectory": "cap",
              "rules": { "mariadb": { "unit": "mariadb", "unit": "mariadb.service" } }
            }
            """));

        Assert.Equal(["platform", "rules.mariadb.unit", "storageDirectory"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_SameKeyInDifferentObjects_IsAccepted()
    {
        var config = Parse("""{ "platform": "redhat", "rules": { "memcached": { "mode": "audit" }, "mariadb": { "mode": "audit" } } }""");

        Assert.Equal(config.Memcached.Mode, config.MariaDb.Mode);
    }

    public void Dispose() => _tree.Dispose();

    private HardeningConfig Parse(string json) => ConfigLoader.Parse(json, "hardening.json", _tree.Files);
}
