using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Configuration;

public sealed class AuditSectionTests
{
    [Fact]
    public void Load_NoAuditSection_GivesTheDocumentedDefaults()
    {
        using var tree = TempTree.FromSample();

        var audit = ConfigLoader.Load(tree.Files, null).Audit;

        Assert.Same(AuditOptions.Default, audit);
        Assert.Equal([22, 80, 443], audit.AllowedTcpPorts.ToArray());
        Assert.Equal(["cloudshark", "root"], audit.Accounts.ToArray());
        Assert.Equal(TimeSpan.FromMinutes(2), audit.UpdateCheckTimeout);
        Assert.Equal(TimeSpan.FromHours(6), audit.UpdateCacheTime);
    }

    [Fact]
    public void Load_ShippedExampleConfig_AuditSectionEqualsTheDefaults()
    {
        using var tree = TempTree.FromSample();

        var audit = ConfigLoader.Load(tree.Files, Path.Combine(RepositoryPaths.Root, "config", "hardening.json")).Audit;

        var defaults = AuditOptions.Default;
        Assert.Equal(defaults.AllowedTcpPorts.ToArray(), audit.AllowedTcpPorts.ToArray());
        Assert.Equal(defaults.AllowedUdpPorts.ToArray(), audit.AllowedUdpPorts.ToArray());
        Assert.Equal(defaults.Accounts.ToArray(), audit.Accounts.ToArray());
        Assert.Equal(defaults with { AllowedTcpPorts = [], AllowedUdpPorts = [], Accounts = [] }, audit with { AllowedTcpPorts = [], AllowedUdpPorts = [], Accounts = [] });
    }

    [Fact]
    public void Parse_AuditSection_ReadsEveryValue()
    {
        using var tree = TempTree.FromSample();

        var audit = ConfigLoader.Parse(
            "{ \"audit\": { \"allowedTcpPorts\": [22, 9100], \"allowedUdpPorts\": [], \"accounts\": [\"admin\"], \"updateCheckTimeoutSeconds\": 30, \"updateCacheMinutes\": 0, \"agentUnit\": \"csh.service\" } }",
            "test",
            tree.Files).Audit;

        Assert.Equal([22, 9100], audit.AllowedTcpPorts.ToArray());
        Assert.Empty(audit.AllowedUdpPorts.ToArray());
        Assert.Equal(["admin"], audit.Accounts.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), audit.UpdateCheckTimeout);
        Assert.Equal(TimeSpan.Zero, audit.UpdateCacheTime);
        Assert.Equal("csh.service", audit.AgentUnit);
    }

    [Fact]
    public void Parse_BadAuditValues_AreAllReportedWithTheirFields()
    {
        using var tree = TempTree.FromSample();

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(
            "{ \"audit\": { \"allowedTcpPorts\": [22, 70000, \"80\"], \"accounts\": [\"Root User\"], \"updateCheckTimeoutSeconds\": 0, \"agentUnit\": \"nope\", \"allowList\": [] } }",
            "test",
            tree.Files));

        Assert.Equal(
            ["audit.allowedTcpPorts[1]", "audit.allowedTcpPorts[2]", "audit.accounts[0]", "audit.updateCheckTimeoutSeconds", "audit.agentUnit", "audit.allowList"],
            error.Errors.Select(e => e.Field));
    }
}
