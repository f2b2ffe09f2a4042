using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Units;

/// <summary>The shipped unit files kept under Fixtures/units (see the README there), laid out in a tree.</summary>
internal static class UnitFixture
{
    public const string PackageDirectory = "/usr/lib/systemd/system";
    public const string AdminDirectory = "/etc/systemd/system";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "units", name));

    public static TempTree Ship(this TempTree tree, string fixture, string unit) =>
        tree.Write($"{PackageDirectory}/{unit}", Read(fixture));

    /// <summary>A Debian 12 box whose memcached reads /etc/sysconfig/memcached through an administrator's drop-in (issue 14, finding 1).</summary>
    public static TempTree DebianMemcachedWithSysconfigDropIn()
    {
        var tree = new TempTree().Ship("debian12-memcached.service", "memcached.service");
        tree.Write($"{AdminDirectory}/memcached.service.d/el-sysconfig.conf", """
            [Service]
            EnvironmentFile=/etc/sysconfig/memcached
            ExecStart=
            ExecStart=/usr/bin/memcached -p ${PORT} -u ${USER} -m ${CACHESIZE} -c ${MAXCONN} $OPTIONS

            """);
        tree.Write("/etc/sysconfig/memcached", """
            PORT="11211"
            USER="memcached"
            MAXCONN="1024"
            CACHESIZE="64"
            OPTIONS="-U 11211 -t 4"

            """);
        return tree;
    }
}
