using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Configuration;

/// <summary>Directories the agent takes over (storage, uploads path, state) must keep clear of the system and of each other.</summary>
public sealed class ProtectedDirectoriesTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Theory]
    [InlineData("/boot")]
    [InlineData("/dev")]
    [InlineData("/etc")]
    [InlineData("/proc")]
    [InlineData("/root")]
    [InlineData("/run")]
    [InlineData("/sys")]
    [InlineData("/usr")]
    [InlineData("/bin")]
    [InlineData("/lib")]
    [InlineData("/lib32")]
    [InlineData("/lib64")]
    [InlineData("/libx32")]
    [InlineData("/sbin")]
    [InlineData("/var")]
    public void Parse_StorageIsASystemDirectory_IsRefusedNamingIt(string path)
    {
        AssertRefused($$"""{ "storageDirectory": "{{path}}" }""", "storageDirectory", $"{path} is a system directory; the agent creates it and gives it to cloudshark:cloudshark");
    }

    [Theory]
    [InlineData("/etc/cap", "/etc")]
    [InlineData("/usr/local/cap", "/usr")]
    [InlineData("/lib64/cap", "/lib64")]
    [InlineData("/run/cap", "/run")]
    [InlineData("/root/captures", "/root")]
    public void Parse_StorageInsideASystemDirectory_IsRefused(string path, string tree)
    {
        AssertRefused($$"""{ "storageDirectory": "{{path}}" }""", "storageDirectory", $"{path} lies inside {tree}, a system directory;");
    }

    [Fact]
    public void Parse_StorageIsTheRoot_IsRefused()
    {
        AssertRefused("""{ "storageDirectory": "/" }""", "storageDirectory", "/ is the root of the file system;");
    }

    [Theory]
    [InlineData("/var/lib", "contains /var/lib/mysql, MariaDB's data directory")]
    [InlineData("/var/lib/mysql", "is MariaDB's data directory")]
    [InlineData("/var/lib/mysql/cap", "lies inside /var/lib/mysql, MariaDB's data directory")]
    [InlineData("/var/lib/cloudshark-hardening", "is the agent's state directory")]
    [InlineData("/var/lib/cloudshark-hardening/backups", "lies inside /var/lib/cloudshark-hardening, the agent's state directory")]
    [InlineData("/var/lib/prometheus", "contains /var/lib/prometheus/node-exporter, the daemon's metrics directory")]
    public void Parse_StorageTakingOverAnotherOwnersDirectory_IsRefused(string path, string why)
    {
        AssertRefused($$"""{ "storageDirectory": "{{path}}" }""", "storageDirectory", $"{path} {why};");
    }

    [Theory]
    [InlineData("memcached", "configFile", "/srv/conf/memcached")]
    [InlineData("mariadb", "seedFile", "/srv/conf/my.cnf")]
    [InlineData("cloudshark-unit", "dropIn", "/srv/conf/override.conf")]
    [InlineData("firewall", "savedRulesV6", "/srv/conf/ip6tables")]
    public void Parse_StorageHoldingOrContainingAnEditedFile_IsRefused(string rule, string key, string file)
    {
        var errors = Errors($$"""{ "storageDirectory": "/srv/conf", "rules": { "{{rule}}": { "{{key}}": "{{file}}" } } }""");
        var containing = Errors($$"""{ "storageDirectory": "/srv", "rules": { "{{rule}}": { "{{key}}": "{{file}}" } } }""");

        Assert.Equal($"/srv/conf is the directory of {file}, which the {rule} rule edits", Assert.Single(errors).Problem.Split(';')[0]);
        Assert.Equal($"/srv contains /srv/conf, the directory of {file}, which the {rule} rule edits", Assert.Single(containing).Problem.Split(';')[0]);
    }

    [Fact]
    public void Parse_StorageBesideAnEditedFile_IsAccepted()
    {
        Assert.Empty(Errors("""{ "storageDirectory": "/srv/conf/cap", "rules": { "memcached": { "configFile": "/srv/conf/memcached" } } }"""));
    }

    [Theory]
    [InlineData("/var/lib/mysql", "is MariaDB's data directory")]
    [InlineData("/etc", "is a system directory")]
    [InlineData("/var", "is a system directory")]
    [InlineData("/usr/share/uploads", "lies inside /usr, a system directory")]
    public void Parse_UploadsPathOnAnotherOwnersDirectory_IsRefused(string path, string why)
    {
        AssertRefused($$"""{ "rules": { "uploads": { "path": "{{path}}" } } }""", "rules.uploads.path", $"{path} {why}; the agent moves what stands there aside and puts a link in its place");
    }

    [Theory]
    [InlineData("/var/www/cloudshark/shared/uploads", "is the uploads path")]
    [InlineData("/var/www/cloudshark/shared/uploads/cap", "lies inside /var/www/cloudshark/shared/uploads, the uploads path")]
    [InlineData("/var/www/cloudshark/shared", "contains /var/www/cloudshark/shared/uploads, the uploads path")]
    public void Parse_StorageOverlappingTheUploadsPath_IsRefused(string path, string why)
    {
        AssertRefused($$"""{ "storageDirectory": "{{path}}" }""", "storageDirectory", $"{path} {why}, which becomes a link to the storage directory;");
    }

    [Theory]
    [InlineData("/run/cloudshark-hardening", "lies inside /run, a system directory")]
    [InlineData("/", "is the root of the file system")]
    public void Parse_StateDirectoryOnASystemDirectory_IsRefused(string path, string why)
    {
        AssertRefused($$"""{ "stateDirectory": "{{path}}" }""", "stateDirectory", $"{path} {why}; the agent keeps its backups and reports there");
    }

    [Fact]
    public void Parse_StorageInsideAMovedStateDirectory_IsRefused()
    {
        AssertRefused("""{ "stateDirectory": "/srv/hardening", "storageDirectory": "/srv/hardening/cap" }""", "storageDirectory", "/srv/hardening/cap lies inside /srv/hardening, the agent's state directory;");
    }

    [Theory]
    [InlineData("//etc/", "/etc")]
    [InlineData("/./usr/./", "/usr")]
    public void Parse_SystemDirectorySpelledOddly_IsRefusedAsItself(string typed, string path)
    {
        AssertRefused($$"""{ "storageDirectory": "{{typed}}" }""", "storageDirectory", $"{path} is a system directory;");
    }

    [Theory]
    [InlineData("cap", "'cap' is not an absolute path")]
    [InlineData("/srv/../etc", "'/srv/../etc' contains '..'")]
    public void Parse_RelativeOrClimbingStorage_IsRefused(string path, string problem)
    {
        var error = Assert.Single(Errors($$"""{ "storageDirectory": "{{path}}" }"""));

        Assert.Equal(new ConfigError("storageDirectory", problem), error);
    }

    [Theory]
    [InlineData("/cap")]
    [InlineData("/srv/cap")]
    [InlineData("/home/captures")]
    [InlineData("/var/www/captures")]
    [InlineData("/var/lib/cloudshark-captures")]
    [InlineData("/data/cap")]
    public void Parse_StorageOfItsOwn_IsAccepted(string path)
    {
        var config = ConfigLoader.Parse($$"""{ "platform": "redhat", "storageDirectory": "{{path}}" }""", "hardening.json", _tree.Files);

        Assert.Equal(path, config.StorageDirectory);
        Assert.Equal(path, config.Uploads.Options.StorageDirectory);
    }

    [Fact]
    public void Parse_EveryDangerousDirectory_IsReportedAtOnce()
    {
        var errors = Errors("""
            {
              "stateDirectory": "/etc/hardening",
              "storageDirectory": "/",
              "rules": { "uploads": { "path": "/var/lib/mysql" }, "memcached": { "configFile": "etc/memcached" } }
            }
            """);

        Assert.Equal(
            ["rules.memcached.configFile", "rules.uploads.path", "stateDirectory", "storageDirectory"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _tree.Dispose();

    private void AssertRefused(string json, string field, string problemStart)
    {
        var error = Assert.Single(Errors(json));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(problemStart, error.Problem, StringComparison.Ordinal);
    }

    // "platform" is given so that nothing is read from the (empty) tree.
    private IReadOnlyList<ConfigError> Errors(string json)
    {
        var withPlatform = "{ \"platform\": \"redhat\"," + json.TrimStart()[1..];
        try
        {
            ConfigLoader.Parse(withPlatform, "hardening.json", _tree.Files);
            return [];
        }
        catch (ConfigException e)
        {
            return e.Errors;
        }
    }
}
