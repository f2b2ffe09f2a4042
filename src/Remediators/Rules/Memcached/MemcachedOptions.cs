using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// Where memcached's arguments live and what it must listen on. The config layer guarantees
/// <paramref name="ListenAddresses"/> is non-empty and holds loopback literals or <c>localhost</c>.
/// </summary>
/// <param name="ConfigFile">The file memcached's arguments are read from.</param>
/// <param name="Format">How that file is written.</param>
/// <param name="ListenAddresses">Written as one <c>-l</c> comma list when listening must change.</param>
/// <param name="Unit">The systemd unit restarted after an edit.</param>
public sealed record MemcachedOptions(string ConfigFile, MemcachedConfigFormat Format, ImmutableArray<string> ListenAddresses, string Unit)
{
    /// <summary>The distribution's own file and format, listening on 127.0.0.1, unit memcached.service.</summary>
    public static MemcachedOptions For(Platform platform) => platform switch
    {
        Platform.RedHat => new("/etc/sysconfig/memcached", MemcachedConfigFormat.Sysconfig, ["127.0.0.1"], "memcached.service"),
        Platform.Debian => new("/etc/memcached.conf", MemcachedConfigFormat.DebianConf, ["127.0.0.1"], "memcached.service"),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "no memcached defaults for this platform"),
    };
}
