using CloudSharkHardening.Agent.Configuration;
using CloudSharkHardening.Agent.Engine;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Benchmarks.Inputs;

/// <summary>
/// The sample appliance (samples/appliance) in a temporary tree, hardened once by the agent's
/// own rules, then seen as a running system that is hardened too: the state in which the
/// daemon's every pass finds nothing to do. The running system is the tests'
/// <see cref="FakeLiveSystem"/> (sockets and unit states from memory, no D-Bus, no
/// my_print_defaults), except the kernel's firewall, which the firewall rule reads by running
/// iptables: here <see cref="StandInXtables"/>, four shell starts per check.
/// </summary>
public sealed class CompliantAppliance : IDisposable
{
    private const string SavedV4 = "/etc/sysconfig/iptables";
    private const string SavedV6 = "/etc/sysconfig/ip6tables";

    private CompliantAppliance(TempTree tree, HardeningConfig config, FakeLiveSystem live, StandInXtables xtables)
    {
        Tree = tree;
        Config = config;
        Live = live;
        Xtables = xtables;
        Host = tree.HostWith(live);
        Rules = RuleCatalog.Create(config, Host);
    }

    public TempTree Tree { get; }

    public HardeningConfig Config { get; }

    public FakeLiveSystem Live { get; }

    public StandInXtables Xtables { get; }

    public Remediators.Host.ApplianceHost Host { get; }

    /// <summary>Every rule as the agent builds them from the default configuration, in pass order.</summary>
    public IReadOnlyList<ConfiguredRule> Rules { get; }

    public IRule Rule(string name) => Rules.Single(r => r.Rule.Name == name).Rule;

    /// <summary>Builds the appliance and proves every rule compliant on it; throws if one is not.</summary>
    public static async Task<CompliantAppliance> CreateAsync(ApplianceShape shape, CancellationToken cancellationToken)
    {
        var tree = TempTree.FromSample();
        try
        {
            LayOut(tree, shape);
            var xtables = new StandInXtables(Path.Combine(tree.Root, "stand-in-xtables"));
            var config = ConfigLoader.Load(tree.Files, null);
            config = config with { Firewall = config.Firewall with { Options = config.Firewall.Options with { ProgramDirectory = xtables.Bin } } };

            // Hardened by the agent's own rules, as an offline image (--root) is.
            foreach (var configured in RuleCatalog.Create(config, tree.Host))
            {
                var plan = await configured.Rule.CheckAsync(cancellationToken).ConfigureAwait(false);
                await configured.Rule.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
            }

            // The kernel holds what the saved files now say, as after a boot that restored them.
            xtables.Kernel(false, tree.Read(SavedV4));
            xtables.Kernel(true, tree.Read(SavedV6));
            var appliance = new CompliantAppliance(tree, config, HardenedSystem(), xtables);
            await appliance.ProveCompliantAsync(cancellationToken).ConfigureAwait(false);
            return appliance;
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    public void Dispose() => Tree.Dispose();

    private static void LayOut(TempTree tree, ApplianceShape shape)
    {
        var (v4, v6) = (Fixture("firewall/el-sysconfig-iptables"), Fixture("firewall/el-sysconfig-ip6tables"));
        if (shape.InputRules is { } rules)
        {
            (v4, v6) = (ForeignRules.FillInput(v4, rules, ipv6: false), ForeignRules.FillInput(v6, rules, ipv6: true));
        }

        // A running kernel with IPv6, so both families are checked.
        tree.Write(SavedV4, v4).Write(SavedV6, v6).MakeDirectory("/proc/sys/net/ipv6");
        if (shape.IncludedOptionFiles is { } files)
        {
            IncludedOptionFiles.Write(tree, files);
        }
    }

    /// <summary>A hardened box's sockets and units: memcached on loopback, no database on TCP, the web front end public.</summary>
    private static FakeLiveSystem HardenedSystem()
    {
        var live = new FakeLiveSystem()
            .Listen(Transport.Tcp, "127.0.0.1", 11211, "memcached", "memcached.service")
            .Listen(Transport.Tcp, "0.0.0.0", 22, "sshd", "sshd.service")
            .Listen(Transport.Tcp, "0.0.0.0", 80, "socat", "cloudshark.service")
            .Listen(Transport.Tcp, "0.0.0.0", 443, "socat", "cloudshark.service");
        foreach (var unit in new[] { "memcached.service", "mariadb.service" })
        {
            live.Units[unit] = FakeLiveSystem.Unit(unit);
        }

        live.Units["cloudshark.service"] = FakeLiveSystem.Unit("cloudshark.service", "loaded", "active", false, "/cap");
        return live;
    }

    private async Task ProveCompliantAsync(CancellationToken cancellationToken)
    {
        foreach (var configured in Rules)
        {
            var plan = await configured.Rule.CheckAsync(cancellationToken).ConfigureAwait(false);
            if (!plan.IsCompliant || plan.NotApplicableBecause is not null)
            {
                throw new InvalidOperationException($"the benchmark appliance is not compliant for {plan.Rule}: {Describe(plan)}");
            }
        }
    }

    private static string Describe(Plan plan) =>
        string.Join("; ", plan.Changes.Select(c => c.Describe()).Concat(plan.Evidence).Concat(plan.UnitActions.Select(a => a.ToString())).Concat(plan.Notes));

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Remediators.Tests", "Fixtures", name));
}
