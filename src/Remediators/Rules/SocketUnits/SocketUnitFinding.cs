using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules.SocketUnits;

/// <summary>
/// A socket unit that listens, or would listen at the next boot, where a rule forbids it.
/// </summary>
/// <param name="Unit">The socket unit.</param>
/// <param name="Forbidden">Its listen lines the rule forbids, each with its file and line.</param>
/// <param name="Kept">Its other listen lines (local sockets, allowed addresses).</param>
/// <param name="HeldNow">What systemd listens on for it now, as systemd reports it; empty when it is not running.</param>
/// <param name="StartsAtBoot">What starts it at boot ("enabled: /etc/…/sockets.target.wants/x.socket"), or <c>null</c>.</param>
/// <param name="StartsService">It starts the service on demand, which may then hold the socket systemd passed it.</param>
/// <param name="OwnFile">The administrator's own unit file in /etc/systemd/system, which the agent does not replace; <c>null</c> for a package's unit.</param>
internal sealed record SocketUnitFinding(
    string Unit,
    ImmutableArray<ListenDirective> Forbidden,
    ImmutableArray<ListenDirective> Kept,
    ImmutableArray<Host.Live.SocketListen> HeldNow,
    string? StartsAtBoot,
    bool StartsService,
    string? OwnFile)
{
    /// <summary>systemd runs the socket unit now.</summary>
    public bool IsActive => !HeldNow.IsEmpty;

    /// <summary>It listens now or will at boot; a disabled, stopped one is only a note.</summary>
    public bool IsDrift => IsActive || StartsAtBoot is not null;

    /// <summary>
    /// For the report: "systemd listens on [::]:3306 (Stream) for mariadb.socket; its files say
    /// ListenStream=3306 (/usr/lib/…/mariadb.socket:17), and it starts at boot (enabled: …)".
    /// </summary>
    public string Describe()
    {
        var files = string.Join(", ", Forbidden.Select(l => $"Listen{l.Kind}={l.Address} ({l.Source})"));
        var boot = StartsAtBoot is null ? "it does not start at boot" : $"it starts at boot ({StartsAtBoot})";
        return IsActive
            ? $"{string.Join(", ", HeldNow.Where(l => l.IsNetwork).Select(l => $"systemd listens on {l.Address} ({l.Type}) for {Unit}"))}; its files say {files}, and {boot}"
            : $"{Unit} is not running, but {boot} and would listen on {files}";
    }
}
