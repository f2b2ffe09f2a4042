using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Host.Live;

/// <summary>
/// The running system behind the files: who listens where, and what systemd says about a
/// unit. Rules prove their effect through it. An offline image has none.
/// </summary>
public interface ILiveSystem
{
    /// <summary>False for an offline image: no processes to probe, no systemd to ask.</summary>
    bool IsRunning { get; }

    /// <summary>Every listening TCP socket and bound UDP socket, with its process when known.</summary>
    IReadOnlyList<Listener> Listeners();

    /// <summary>
    /// What a program on the system prints (argv only, never a shell), or <c>null</c> when it
    /// is not installed or fails: the services' own tools are the best judges of their files.
    /// </summary>
    Task<string?> CommandOutputAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);

    /// <summary>What systemd reports about <paramref name="unit"/>.</summary>
    Task<UnitState> UnitStateAsync(string unit, CancellationToken cancellationToken);

    /// <summary>
    /// What systemd reports about <paramref name="unit"/> if it has the unit in memory, else
    /// <c>null</c>: systemd keeps every unit that runs or holds a socket, so a unit it does
    /// not have is stopped. Cheaper than <see cref="UnitStateAsync"/> for a unit that is not
    /// installed, which systemd would search its unit directories for on every question.
    /// </summary>
    Task<UnitState?> LoadedUnitStateAsync(string unit, CancellationToken cancellationToken);

    /// <summary>
    /// Every socket unit systemd has loaded, with what it listens on: PID 1 holds a port only
    /// for one of these, so they name the real owner of a socket systemd holds.
    /// </summary>
    Task<IReadOnlyList<UnitState>> LoadedSocketUnitsAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="unit"/> starts at boot ("enabled", "disabled", "static", "masked", ...), without loading it; "" when there is no such unit file.</summary>
    Task<string> UnitFileStateAsync(string unit, CancellationToken cancellationToken);
}
