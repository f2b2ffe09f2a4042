namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// Whether a rule matches a new connection (or datagram) from outside to one local port:
/// for every such packet, for none, or for some (a source range, an interface, a rate limit).
/// </summary>
public enum PacketMatch
{
    Never,
    Some,
    Always,
}
