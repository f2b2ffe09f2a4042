using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>One way of writing memcached's arguments down: EL's sysconfig file or Debian's memcached.conf.</summary>
internal interface IMemcachedConfigEditor
{
    /// <summary>
    /// What <paramref name="file"/> makes memcached listen on, and its text with memcached on
    /// <paramref name="listenList"/> only and UDP off (the same text when that already holds).
    /// Throws <see cref="Errors.UnsupportedFileException"/> for syntax it cannot judge or rewrite.
    /// With <paramref name="listenHeldElsewhere"/>, the file's offending listen options are only
    /// removed (see <see cref="MemcachedRepair.For"/>).
    /// </summary>
    MemcachedConfigEdit Harden(TextFile file, string listenList, bool listenHeldElsewhere = false);

    /// <summary>The whole content of a new file that says just that.</summary>
    string Create(string listenList);
}

/// <summary>The settings a config file held before, and its hardened text.</summary>
internal sealed record MemcachedConfigEdit(MemcachedSockets Before, string After);
