using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Host.Live;

/// <summary>An image on disk (<c>--root</c>): nothing runs from it, so only its files count.</summary>
public sealed class OfflineImage : ILiveSystem
{
    public static OfflineImage Instance { get; } = new();

    public bool IsRunning => false;

    public IReadOnlyList<Listener> Listeners() => [];

    public Task<string?> CommandOutputAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    public Task<UnitState> UnitStateAsync(string unit, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("an offline image has no running systemd; check IsRunning first");

    public Task<UnitState?> LoadedUnitStateAsync(string unit, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("an offline image has no running systemd; check IsRunning first");

    public Task<IReadOnlyList<UnitState>> LoadedSocketUnitsAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("an offline image has no running systemd; check IsRunning first");

    public Task<string> UnitFileStateAsync(string unit, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("an offline image has no running systemd; check IsRunning first");
}
