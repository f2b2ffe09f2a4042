using System.Net.Sockets;

namespace CloudSharkHardening.Agent.Tests.Support;

/// <summary>A real unix datagram socket standing where systemd's notify or journal socket would.</summary>
internal sealed class DatagramListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _directory;

    private DatagramListener(string address, string? directory)
    {
        Address = address;
        _directory = directory;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address));
        _socket.ReceiveTimeout = 5000;
    }

    /// <summary>"/path" or "@abstract", as systemd writes NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public static DatagramListener OnPath()
    {
        var directory = Directory.CreateTempSubdirectory("cloudshark-hardening-sock-").FullName;
        return new DatagramListener(Path.Combine(directory, "socket"), directory);
    }

    public static DatagramListener Abstract() => new($"@cloudshark-hardening-test-{Guid.NewGuid():N}", null);

    public byte[] Receive()
    {
        var buffer = new byte[1 << 20];
        var length = _socket.Receive(buffer);
        return buffer[..length];
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
