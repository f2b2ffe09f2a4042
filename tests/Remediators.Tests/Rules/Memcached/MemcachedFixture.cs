namespace CloudSharkHardening.Remediators.Tests.Rules.Memcached;

/// <summary>The real default files kept under Fixtures/memcached (see the README there).</summary>
internal static class MemcachedFixture
{
    public const string El7Sysconfig = "el7-sysconfig-memcached";
    public const string El9Sysconfig = "el9-sysconfig-memcached";
    public const string Debian12Conf = "debian12-memcached.conf";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "memcached", name));
}
