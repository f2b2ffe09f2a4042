using System.Net.Sockets;
using CloudSharkHardening.Agent.Systemd.DBus.Transport;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// A D-Bus client connection over a unix socket: SASL EXTERNAL, then one reader loop that
/// routes replies to waiting calls by serial, signals to subscriptions, and method calls to
/// the handler. When the connection ends, for whatever reason, every waiting call and
/// subscription fails with an exception that says why; nothing is left hanging.
/// </summary>
public sealed partial class DBusConnection : IDBusConnection
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _input;
    private readonly NetworkStream _output;
    private readonly MessageFramer _framer;
    private readonly DBusConnectionOptions _options;
    // Neither is disposed: they own no timer or handle, and a handler still finishing after
    // disposal may read the token or take the lock, which must not throw ObjectDisposedException.
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PendingCalls _pending = new();
    private readonly SignalRouter _signals;
    private HardeningException? _closeReason;
    private Task _reader = Task.CompletedTask;
    private int _lastSerial;

    private DBusConnection(Socket socket, Stream input, NetworkStream output, DBusConnectionOptions options)
    {
        _socket = socket;
        _input = input;
        _output = output;
        _options = options;
        _framer = new MessageFramer(input);
        _signals = new SignalRouter(options.SignalQueueCapacity);
    }

    /// <inheritdoc/>
    public string? UniqueName { get; private set; }

    /// <summary>
    /// Connects, authenticates, and on a bus says Hello; on a peer-to-peer socket it pings
    /// until the server answers. Throws <see cref="DBusConnectionException"/> when no address
    /// accepts, authentication is refused, or it all takes longer than the connect timeout.
    /// </summary>
    public static async Task<DBusConnection> ConnectAsync(DBusConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid D-Bus connection options: " + string.Join("; ", problems), nameof(options));
        }

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Socket? socket = null;
        DBusConnection? connection = null;
        var connected = false;
        try
        {
            socket = await UnixSocketConnector.ConnectAsync(options.Address, linked.Token).ConfigureAwait(false);
            var output = new NetworkStream(socket, ownsSocket: false);
            var input = new BufferedStream(new NetworkStream(socket, ownsSocket: false), ReadBufferSize);
            connection = new DBusConnection(socket, input, output, options);
            await SaslExternal.AuthenticateAsync(input, output, EffectiveUser.Id, linked.Token).ConfigureAwait(false);
            connection._reader = Task.Run(() => connection.ReadLoopAsync(connection._lifetime.Token), CancellationToken.None);
            if (options.IsMessageBus)
            {
                await connection.HelloAsync(linked.Token).ConfigureAwait(false);
            }
            else
            {
                await connection.AwaitPeerAsync(linked.Token).ConfigureAwait(false);
            }

            connected = true;
            return connection;
        }
        catch (OperationCanceledException cancelled) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DBusConnectionException($"connecting to D-Bus at {options.Address} took longer than {options.ConnectTimeout}", isTransient: true, cancelled);
        }
        finally
        {
            if (!connected)
            {
                await DisposeFailedAsync(connection, socket).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends the connection; calls still waiting fail with <see cref="DBusConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Close(new DBusConnectionException("the D-Bus connection was disposed", isTransient: false));
        await _reader.ConfigureAwait(false);
        await _input.DisposeAsync().ConfigureAwait(false);
        await _output.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private static async Task DisposeFailedAsync(DBusConnection? connection, Socket? socket)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            socket?.Dispose();
        }
    }

    private bool IsClosed => Volatile.Read(ref _closeReason) is not null;

    /// <summary>Ends the connection once, recording why; everything waiting learns the reason.</summary>
    private void Close(HardeningException reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _lifetime.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already disconnected by the peer: nothing left to shut down.
        }

        _pending.FailAll(ClosedError);
        _signals.CloseAll(ClosedError);
    }

    /// <summary>A fresh exception for one operation that the closed connection cut short.</summary>
    private HardeningException ClosedError(string operation)
    {
        var reason = Volatile.Read(ref _closeReason)!;
        return reason is DBusProtocolException
            ? new DBusProtocolException($"{operation}: the connection was closed because the peer broke the protocol: {reason.Message}", reason)
            : new DBusConnectionException($"{operation}: {reason.Message}", reason.IsTransient, reason);
    }

    private uint NextSerial()
    {
        // Wraps after four billion messages; 0 is not a valid serial, so skip it.
        var serial = unchecked((uint)Interlocked.Increment(ref _lastSerial));
        return serial != 0 ? serial : NextSerial();
    }
}
