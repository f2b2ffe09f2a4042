using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// What the running system shows of MariaDB on the network, and what it takes to end it
/// beyond the option files (a systemd socket unit holding the port).
/// </summary>
internal sealed record LiveNetworking(ImmutableArray<string> Evidence, ImmutableArray<Change> Changes, ImmutableArray<UnitAction> Actions)
{
    public static LiveNetworking NotRunning { get; } = new([], [], []);

    public bool IsClean => Evidence.IsEmpty;
}
