namespace CloudSharkHardening.Remediators.Formats.MemcachedConf;

/// <summary>What Debian's memcached wrapper makes of one line of <c>/etc/memcached.conf</c>.</summary>
public enum MemcachedConfLineKind
{
    /// <summary>Nothing but blanks.</summary>
    Blank,

    /// <summary>First non-blank character is <c>#</c>.</summary>
    Comment,

    /// <summary>A word that is not an option, such as <c>logfile /var/log/memcached.log</c>; not passed to memcached.</summary>
    Directive,

    /// <summary>Starts with <c>-</c>: its words are memcached arguments.</summary>
    Options,
}
