namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>The IP transport a listener uses.</summary>
public enum Transport
{
    /// <summary>A TCP socket in state LISTEN.</summary>
    Tcp,

    /// <summary>A UDP socket: any bound one receives datagrams.</summary>
    Udp,
}
