namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>What the firewall does with new packets from outside to one port, best first.</summary>
public enum FilterState
{
    /// <summary>Every such packet is dropped or rejected.</summary>
    Dropped,

    /// <summary>Some sources (a range, an interface) get through; the rest are dropped.</summary>
    Restricted,

    /// <summary>The rules could not be read or followed: treat it as open.</summary>
    Unknown,

    /// <summary>Accepted from anywhere.</summary>
    Open,
}
