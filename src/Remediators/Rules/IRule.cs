using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>
/// One hardening rule. <see cref="CheckAsync"/> only reads the host and returns what would
/// have to change; <see cref="ApplyAsync"/> carries out exactly that plan. Dry runs, retries,
/// timeouts, ordering and restarts belong to the engine, never to a rule.
/// </summary>
public interface IRule
{
    /// <summary>The name used in the config, on the command line and in reports.</summary>
    string Name { get; }

    /// <summary>
    /// The paths whose change may break the rule, each with what of it matters: the daemon
    /// watches exactly that (no more: a busy directory's entries would cost a pass each) to
    /// repair drift at once.
    /// </summary>
    IReadOnlyList<WatchedPath> WatchedPaths { get; }

    /// <summary>The systemd units whose state the rule depends on; the daemon re-checks when they change.</summary>
    IReadOnlyList<string> WatchedUnits { get; }

    /// <summary>Reads the host; never writes. An empty plan means the rule holds.</summary>
    ValueTask<Plan> CheckAsync(CancellationToken cancellationToken);

    /// <summary>Carries out a plan that <see cref="CheckAsync"/> returned; idempotent.</summary>
    ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken);
}
