using System.Net.Sockets;
using System.Text;
using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>
/// A D-Bus "server" the test scripts byte by byte: it plays systemd's private socket (peer to
/// peer, no Hello), or a peer that misbehaves in ways a real daemon never would (refuses
/// authentication, closes mid-message, sends malformed bytes).
/// </summary>
public sealed class RawPeerServer : IAsyncDisposable
{
    public const string ServerGuid = "0123456789abcdef0123456789abcdef";

    // Far beyond anything a passing test needs; it turns a regression into a failure, not a hang.
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(20);

    private readonly Socket _listener;
    private readonly string? _directory;
    private Socket? _peer;
    private BufferedStream? _input;
    private MessageFramer? _framer;
    private uint _serial = 1000;

    private RawPeerServer(Socket listener, string address, string? directory)
    {
        _listener = listener;
        Address = address;
        _directory = directory;
    }

    public string Address { get; }

    /// <summary>Listens on a socket in a fresh temp directory, or in the abstract namespace.</summary>
    public static RawPeerServer Start(bool abstractName = false)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        if (abstractName)
        {
            var name = $"cloudshark-dbus-test-{System.Guid.NewGuid():N}";
            listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
            listener.Listen();
            return new RawPeerServer(listener, $"unix:abstract={name}", null);
        }

        var directory = Directory.CreateTempSubdirectory("dbus-peer-").FullName;
        var path = Path.Combine(directory, "peer.sock");
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        return new RawPeerServer(listener, $"unix:path={path}", directory);
    }

    /// <summary>Accepts the client and returns the lines it sent until <c>AUTH</c> (NUL included).</summary>
    public async Task<string> AcceptAsync()
    {
        _peer = await _listener.AcceptAsync();
        _input = new BufferedStream(new NetworkStream(_peer, ownsSocket: false));
        _framer = new MessageFramer(_input);
        return await ReadLineAsync();
    }

    /// <summary>Accepts, answers AUTH with OK, and returns the line that followed (BEGIN).</summary>
    public async Task<string> AcceptAndAuthenticateAsync()
    {
        await AcceptAsync();
        await SendTextAsync($"OK {ServerGuid}\r\n");
        return await ReadLineAsync();
    }

    public Task<string> ReadLineAsync() => ReadLineUnboundedAsync().WaitAsync(ReadBound);

    public async Task<Message> ReadMessageAsync()
    {
        var frame = await _framer!.ReadFrameAsync(CancellationToken.None).WaitAsync(ReadBound)
            ?? throw new EndOfStreamException("the client closed the connection");
        return MessageDecoder.Decode(frame);
    }

    private async Task<string> ReadLineUnboundedAsync()
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await _input!.ReadAsync(one) == 1)
        {
            line.Append((char)one[0]);
            if (line.Length >= 2 && line[^2] == '\r' && line[^1] == '\n')
            {
                return line.ToString(0, line.Length - 2);
            }
        }

        return line.ToString();
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _peer!.SendAsync(bytes);

    /// <summary>Sends a METHOD_RETURN with <paramref name="body"/> for <paramref name="call"/>.</summary>
    public Task ReplyAsync(Message call, params DBusValue[] body) =>
        SendAsync(MessageEncoder.Encode(new Message(MessageType.MethodReturn, ++_serial, body) { ReplySerial = call.Serial }));

    public static byte[] Encode(Message message) => MessageEncoder.Encode(message);

    public uint NextSerial() => ++_serial;

    /// <summary>Closes the accepted connection, as a peer that goes away would.</summary>
    public void ClosePeer() => _peer?.Close();

    public async ValueTask DisposeAsync()
    {
        // The socket goes first: it ends any read still pending, which would otherwise hold
        // the BufferedStream's lock and make disposing it wait forever.
        _peer?.Dispose();
        if (_input is not null)
        {
            await _input.DisposeAsync();
        }

        _listener.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
