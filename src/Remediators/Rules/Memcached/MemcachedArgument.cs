namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// One option memcached's getopt would see, located in the argument words it came from, so an
/// edit can replace exactly those words. <see cref="ClusterPrefix"/> is the part of the first
/// word that belongs to flags before it (<c>-v</c> in <c>-vU0</c>); <see cref="Value"/> is the
/// option's argument, <c>null</c> when it has none; <see cref="MissingValue"/> says the option
/// needed one but the words ran out.
/// </summary>
internal sealed record MemcachedArgument(char Letter, int FirstWord, int LastWord, string ClusterPrefix, string? Value)
{
    public bool MissingValue { get; init; }

    public const char Listen = 'l';

    public const char UdpPort = 'U';

    public const char Port = 'p';

    /// <summary>A long option memcached does not know, or an ambiguous abbreviation of one.</summary>
    public const char Unknown = '?';
}
