using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// What the running system shows of MariaDB on the network, and what it takes to end it
/// beyond the option files (a systemd socket unit holding the port). <see cref="Evidence"/> is the
/// database's for certain (its unit's processes, its socket unit); <see cref="Unseen"/> are
/// listeners on its port whose owner cannot be seen, which alone never justify a restart.
/// </summary>
internal sealed record LiveNetworking(ImmutableArray<string> Evidence, ImmutableArray<Change> Changes, ImmutableArray<UnitAction> Actions)
{
    public static LiveNetworking NotRunning { get; } = new([], [], []);

    public ImmutableArray<string> Unseen { get; init; } = [];

    public bool IsClean => Evidence.IsEmpty && Unseen.IsEmpty;

    /// <summary>Everything seen, for the report.</summary>
    public ImmutableArray<string> AllEvidence => [.. Evidence, .. Unseen];
}
