using CloudSharkHardening.Remediators;
using CloudSharkHardening.Remediators.Rules.CloudSharkUnit;
using CloudSharkHardening.Remediators.Rules.Firewall;
using CloudSharkHardening.Remediators.Rules.MariaDb;
using CloudSharkHardening.Remediators.Rules.Memcached;
using CloudSharkHardening.Remediators.Rules.Uploads;

namespace CloudSharkHardening.Agent.Configuration;

/// <summary>The <c>rules</c> object: one section per rule, each starting from the platform's defaults.</summary>
internal static partial class RuleSections
{
    public static HardeningConfig Read(SectionReader top, Platform platform)
    {
        var stateDirectory = Validate.Path(top, "stateDirectory", ConfigLoader.DefaultStateDirectory);
        var storage = Validate.Path(top, "storageDirectory", ConfigLoader.DefaultStorageDirectory);

        var rules = top.Section("rules");
        foreach (var name in rules?.Keys.Except(RuleCatalog.Names, StringComparer.Ordinal) ?? [])
        {
            rules!.Error(name, $"unknown rule; the rules are {string.Join(", ", RuleCatalog.Names)}");
        }

        var config = new HardeningConfig(
            platform,
            stateDirectory,
            storage,
            Memcached(Section(rules, MemcachedRule.RuleName), platform),
            MariaDb(Section(rules, MariaDbRule.RuleName), platform),
            Uploads(Section(rules, UploadsRule.RuleName), storage),
            CloudSharkUnit(Section(rules, CloudSharkUnitRule.RuleName), storage))
        {
            Firewall = Firewall(Section(rules, FirewallRule.RuleName), platform),
        };
        return config;
    }

    // A rule without a section is enforced with its defaults; an empty reader stands in.
    private static SectionReader? Section(SectionReader? rules, string name) => rules?.Section(name);

    private static RuleSetting<MemcachedOptions> Memcached(SectionReader? section, Platform platform)
    {
        var defaults = MemcachedOptions.For(platform);
        if (section is null)
        {
            return new(RuleMode.Enforce, defaults);
        }

        var format = section.String("format") switch
        {
            null => defaults.Format,
            "sysconfig" => MemcachedConfigFormat.Sysconfig,
            "debian" => MemcachedConfigFormat.DebianConf,
            var other => Invalid(section, "format", $"'{other}' is not one of sysconfig, debian", defaults.Format),
        };
        var options = new MemcachedOptions(
            Validate.Path(section, "configFile", defaults.ConfigFile),
            format,
            Validate.LoopbackAddresses(section, "listen", defaults.ListenAddresses),
            Validate.UnitName(section, "unit", defaults.Unit));
        return Finish(section, options);
    }

    private static RuleSetting<MariaDbOptions> MariaDb(SectionReader? section, Platform platform)
    {
        var defaults = MariaDbOptions.For(platform);
        if (section is null)
        {
            return new(RuleMode.Enforce, defaults);
        }

        var options = new MariaDbOptions(
            Validate.Paths(section, "optionFiles", defaults.OptionFiles),
            Validate.Path(section, "seedFile", defaults.SeedFile),
            Validate.UnitName(section, "unit", defaults.Unit))
        {
            SeedWhereFilesAre = !section.Keys.Contains("seedFile", StringComparer.Ordinal),
        };
        if (options.OptionFiles.IsEmpty)
        {
            section.Error("optionFiles", "must list at least one option file");
        }

        return Finish(section, options);
    }

    private static RuleSetting<UploadsOptions> Uploads(SectionReader? section, string storage)
    {
        var defaults = UploadsOptions.Default with { StorageDirectory = storage };
        if (section is null)
        {
            return new(RuleMode.Enforce, defaults);
        }

        var options = new UploadsOptions(
            Validate.Path(section, "path", defaults.UploadsPath),
            storage,
            Validate.AccountName(section, "user", defaults.User),
            Validate.AccountName(section, "group", defaults.Group));
        return Finish(section, options);
    }

    private static RuleSetting<CloudSharkUnitOptions> CloudSharkUnit(SectionReader? section, string storage)
    {
        var defaults = CloudSharkUnitOptions.Default with { StorageDirectory = storage };
        if (section is null)
        {
            return new(RuleMode.Enforce, defaults);
        }

        var options = new CloudSharkUnitOptions(
            Validate.UnitName(section, "unit", defaults.Unit),
            Validate.Path(section, "dropIn", defaults.DropInPath),
            storage);
        return Finish(section, options);
    }

    private static RuleSetting<T> Finish<T>(SectionReader section, T options)
    {
        var mode = Validate.Mode(section);
        section.RejectUnknownKeys();
        return new RuleSetting<T>(mode, options);
    }

    private static T Invalid<T>(SectionReader section, string key, string problem, T fallback)
    {
        section.Error(key, problem);
        return fallback;
    }
}
