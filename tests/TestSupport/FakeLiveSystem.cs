using System.Net;
using CloudSharkHardening.Remediators.Host.Listeners;
using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.TestSupport;

/// <summary>A running system a test describes: its sockets and what systemd says of its units.</summary>
public sealed class FakeLiveSystem : ILiveSystem
{
    private long _inode = 1000;

    public List<Listener> Sockets { get; } = [];

    public Dictionary<string, UnitState> Units { get; } = new(StringComparer.Ordinal);

    /// <summary>What "program arg arg" prints; absent programs give null.</summary>
    public Dictionary<string, string> Commands { get; } = new(StringComparer.Ordinal);

    public bool IsRunning => true;

    public Task<string?> CommandOutputAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Task.FromResult(Commands.TryGetValue(string.Join(' ', [program, .. arguments]), out var output) ? output : null);

    public IReadOnlyList<Listener> Listeners() => Sockets;

    public Task<UnitState> UnitStateAsync(string unit, CancellationToken cancellationToken) =>
        Task.FromResult(Units.TryGetValue(unit, out var state) ? state : Unit(unit, loadState: "not-found", activeState: "inactive"));

    /// <summary>A unit the test describes is in systemd's memory; any other is not.</summary>
    public Task<UnitState?> LoadedUnitStateAsync(string unit, CancellationToken cancellationToken) =>
        Task.FromResult(Units.GetValueOrDefault(unit));

    /// <summary>The socket units the test describes, loaded, whatever their state.</summary>
    public Task<IReadOnlyList<UnitState>> LoadedSocketUnitsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnitState>>([.. Units.Values.Where(u => u.Unit.EndsWith(".socket", StringComparison.Ordinal))]);

    /// <summary>A described unit's UnitFileState (as set on it), else "" (no such unit file).</summary>
    public Task<string> UnitFileStateAsync(string unit, CancellationToken cancellationToken) =>
        Task.FromResult(Units.TryGetValue(unit, out var state) ? state.UnitFileState : "");

    /// <summary>Adds a socket held by <paramref name="process"/> of <paramref name="unit"/>.</summary>
    public FakeLiveSystem Listen(Transport transport, string address, int port, string process, string unit, int pid = 4242)
    {
        Sockets.Add(new Listener(transport, IPAddress.Parse(address), port, ++_inode, 0, new SocketOwner(pid, process, unit)));
        return this;
    }

    public static UnitState Unit(string unit, string loadState = "loaded", string activeState = "active", bool needDaemonReload = false, params string[] requiresMountsFor) =>
        new(unit, loadState, activeState, activeState == "active" ? "running" : "dead", needDaemonReload, "0123456789abcdef0123456789abcdef", requiresMountsFor, []);
}
