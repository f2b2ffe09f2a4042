namespace CloudSharkHardening.Remediators.Host.Live;

/// <summary>
/// One entry of a socket unit's <c>Listen</c> property: the kind ("Stream", "Datagram", ...)
/// and the address as systemd prints it ("[::]:3306", "/run/mysqld/mysqld.sock", "@mariadb").
/// </summary>
public sealed record SocketListen(string Type, string Address)
{
    /// <summary>A network address rather than a unix path or abstract name.</summary>
    public bool IsNetwork => !Address.StartsWith('/') && !Address.StartsWith('@');
}
